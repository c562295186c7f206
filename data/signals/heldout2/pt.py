# Held-out Portuguese texts, written after and apart from the training phrasings. Never train or tune on these.
P, N = {}, {}
P["security"] = """
Hoje cedo apareceram 14 usuários novos com permissão de administrador no nosso espaço e ninguém convidou.
Assunto: caixa de e-mail comprometida – criaram uma regra que encaminha todo o e-mail da nossa contadora para um gmail
Um cliente ligou porque recebeu todo o histórico de pedidos de um endereço desconhecido. Como conseguiram isso??
Achamos que um invasor pegou nosso token principal da API, estão apagando chamados que nunca mexemos
Alguém comprou 30 vales-presente pela nossa conta com o meu cartão salvo, não fui eu
Atenção: existe uma cópia falsa da página de login de vocês e vários agentes entraram nela
Minha senha não funciona mais e o e-mail da conta agora aponta para um endereço que não conheço
Durante a noite todas as nossas respostas prontas foram trocadas por links de um golpe de criptomoeda
A base de conhecimento pública mostra notas internas com telefones de clientes, qualquer um pode ler
Nossa TI encontrou um token do app de vocês num dump do Pastebin
Cadastros de clientes da sincronização com o CRM aparecem num conjunto de dados vazado
Cliquei num e-mail que parecia o aviso de renovação de vocês e desde então minha conta manda mensagens que eu não escrevi
Um desconhecido está logado como eu em três aparelhos, mesmo depois de trocar a senha
Anexos enviados por clientes têm um cavalo de troia e o antivírus de vocês deixou passar
Nosso banco avisou que nossas credenciais do módulo de pagamento estão sendo usadas da Ucrânia
Alguém invadiu nosso helpdesk e pediu aos clientes para pagar numa conta nova
Tem um diretório aberto na CDN de vocês mostrando arquivos de vários clientes
Invasor na conta!! ele está exportando nossa lista de clientes agora
O log de auditoria mostra acessos às 4 da manhã de Singapura e uma exportação completa, ninguém trabalha nesse horário
Depois da atualização de vocês, usuários só de leitura conseguem baixar dados de pagamento
"""
N["security"] = """
Qual algoritmo de criptografia vocês usam nos backups? Nosso auditor quer por escrito.
Troquei a senha da conta compartilhada porque um estagiário saiu, como encerro as sessões antigas dele?
Os administradores conseguem ver o histórico de acesso de cada agente? É para a nossa revisão interna de segurança.
O token da API expira ou temos que renovar nós mesmos?
Não fomos hackeados, fiquem tranquilos, os e-mails estranhos eram da nossa ferramenta de marketing.
O alerta de acesso suspeito ontem era meu colega viajando, não precisa fazer nada.
Ativem a lista de IPs permitidos no nosso plano, nossa política exige.
Dá para mascarar números de cartão que os clientes colam nos chamados?
Nossos pentesters vão escanear a nossa própria central de ajuda semana que vem, por favor não bloqueiem.
Precisamos do documento de segurança e do certificado ISO 27001 para uma licitação
O incidente da conta invadida do ano passado está encerrado, só precisamos do relatório para os nossos arquivos.
O aplicativo aceita login por digital?
Onde mudo o tempo de sessão? 8 horas é muito para a nossa política de segurança.
Os dados trafegam criptografados entre o widget e os servidores de vocês?
Posso ser avisado quando alguém entrar de um aparelho novo?
Perdi o celular da autenticação em dois fatores, como recupero o acesso à minha própria conta?
Não temos motivo para achar que algo vazou, mas quais IPs acessaram a conta semana passada? Só curiosidade.
Como avisamos sobre um e-mail de phishing que nossos clientes receberam? Queremos alertar com um artigo de ajuda.
Quem pode mudar as configurações de segurança na nossa conta? Só administradores?
Vocês têm um relatório de impacto à proteção de dados que possamos aproveitar?
"""
P["legal"] = """
Fui paciente, mas agora isso é assunto da minha advogada. Vocês vão ter notícias dela esta semana.
Assunto: última notificação antes da ação – crédito pendente de R$ 1.250. Sem pagamento em 14 dias entramos na justiça.
Vocês descumpriram nosso SLA quatro vezes neste trimestre. Nosso jurídico está preparando um pedido de indenização.
Se meus dados não forem apagados como pedi, vou reclamar na ANPD e pedir indenização.
Vamos à justiça se continuarem cobrando depois do cancelamento
Pela cobrança em dobro vou abrir um processo no juizado especial, já preenchi tudo
Nossos advogados vão entrar em contato por causa da retenção ilegal dos nossos dados.
Esta é uma notificação formal: parem imediatamente de usar a nossa marca.
Estamos processando vocês pelos prejuízos causados pela queda.
Se o dinheiro não estiver na minha conta na segunda, vou à justiça, simples assim.
Vários clientes de vocês estão organizando uma ação coletiva e vamos participar.
Consultei um advogado sobre a recusa de vocês em reembolsar.
Responsabilizamos vocês pelos dados perdidos e contratamos advogados para recuperar os custos.
Meu advogado recomendou entrar com uma ação e é o que vou fazer.
Vou denunciar vocês e meu advogado cuida do resto.
Último aviso: respondam até sexta ou abriremos um processo por quebra de contrato.
Essa cobrança é fraudulenta, vou processar vocês e denunciar no Procon.
Nosso departamento jurídico recebeu ordem para agir contra vocês.
Estamos vendo com um advogado como processar vocês pelos danos da atualização
Paguem a multa prevista no contrato ou vamos cobrá-la judicialmente.
"""
N["legal"] = """
Nossa advogada pergunta a data de início do contrato, onde vejo isso na conta?
Vocês podem assinar nosso acordo de confidencialidade padrão antes da demonstração?
Vocês têm um modelo de resposta para pedido de acesso pela LGPD?
Nosso jurídico quer saber qual é o foro previsto nos termos.
Sou assistente num escritório e controlo prazos processuais com o app de vocês, posso adicionar um campo de data?
Não vamos processar ninguém, só queremos o estorno da cobrança em dobro.
Um cliente escreveu que vai procurar um advogado; como escalo esse tipo de chamado internamente?
Emitam a nota fiscal em nome do nosso escritório, Souza & Lima Advogados.
É legal gravar as ligações do suporte com o módulo de telefonia de vocês?
Nosso assessor jurídico revisou o acordo de tratamento e tem duas observações, em anexo
Podem passar a razão social e o CNPJ para o nosso cadastro de fornecedores?
Os lembretes de audiência que enviamos pela plataforma de vocês caem no spam.
A disputa da fatura do ano passado foi resolvida amigavelmente, o chamado pode ser arquivado.
Meu advogado está de férias, posso assinar o pedido eu mesmo?
Quais são os prazos se um dia quisermos encerrar o contrato? É para a nossa análise jurídica.
Não estou ameaçando com processo, só pergunto por que o preço mudou.
Nossa equipe de compliance precisa da lista atualizada de suboperadores.
A palavra 'processo' nas nossas regras de etiqueta automática marca os chamados errados, podem ajudar?
Queremos colocar o link dos nossos termos e condições no rodapé do chat.
Precisamos de outro contrato para os nossos clientes em Angola?
"""
P["outage"] = """
Está acontecendo alguma coisa? Toda a nossa equipe de suporte está olhando uma tela de carregamento há 20 minutos.
Assunto: P1 – API fora do ar. Toda chamada para /v2/tickets retorna 503 desde 06:12 UTC.
Desde ontem à noite nenhum e-mail de cliente vira chamado, a caixa está congelada
Não conseguimos abrir o app de nenhum escritório, a resolução de DNS do domínio de vocês falha
O widget sumiu do nosso site e os clientes não conseguem falar com a gente de jeito nenhum
A plataforma de vocês caiu em plena Black Friday, estamos perdendo pedidos
Os agentes são derrubados toda hora e agora ninguém consegue entrar de novo
Tudo fora do ar, app e API, desde umas 9h30
Todos os nossos webhooks falham por tempo esgotado. Nada chega no nosso servidor.
Dá 'bad gateway' em tudo, testei em três redes
O serviço de vocês está indisponível há duas horas. 200 clientes esperando.
O app e a versão web mostram erro de servidor, não dá para trabalhar
As ligações pela integração de vocês não completam desde hoje cedo
Relatórios, caixa de entrada e busca dão erro, parece uma queda geral aí
O site fica carregando e depois dá timeout. Acontece com a empresa toda.
Desde o deploy do meio-dia não dá para criar chamados, todo envio falha
Estamos totalmente parados porque o serviço de autenticação de vocês não responde
Queda? Nossos monitores na API de vocês falham há 45 minutos
Está fora do ar desde ontem à tarde e não tem nada na página de status
Não dá para mandar nenhuma resposta, o botão enviar dá erro para todos os agentes
"""
N["outage"] = """
Podem mandar a análise de causa da queda do mês passado para o nosso relatório trimestral?
Como agendo um aviso de manutenção para os meus próprios clientes?
A coluna 'tempo parado' do nosso relatório personalizado está vazia, é erro do filtro?
No sábado vamos ficar offline por uma troca de servidor, os e-mails ficam na fila aí?
Vocês oferecem 99,99% de disponibilidade no plano Enterprise?
A busca fica um pouco lenta com anexos grandes, nada urgente.
A instabilidade de ontem foi resolvida em uma hora, obrigado pelas atualizações.
O app continua funcionando se a nossa internet cair por um minuto?
Onde vejo o histórico de incidentes na página de status?
Faltou luz no escritório, já está tudo normal, só explicando o atraso nos chamados.
O ícone da seta para baixo na lista de chamados está desalinhado.
Tem um endpoint da API para consultar o status do serviço?
Um artigo de ajuda antigo dá 404, o resto está ok.
Podemos receber um SMS se o serviço de vocês cair algum dia?
Não tem queda nenhuma, só queremos adicionar dois agentes.
Nosso próprio site caiu ontem, nada a ver com vocês, mas dá para recuperar os chats perdidos?
Como configuro um e-mail alternativo quando o chat está offline?
Uma usuária não consegue entrar porque esqueceu a senha.
Onde vejo a política de novas tentativas dos webhooks?
Planejamos a migração para o fim de semana para evitar parada, alguma dica?
"""
P["churn"] = """
Antes do contrato acabar em abril vamos avaliar outros fornecedores e, sinceramente, vocês não são os favoritos.
Assunto: rescisão – considerem este e-mail como nosso aviso de encerramento do contrato no fim do período.
Quero sair. Encerrem a conta e parem o débito automático.
A diretoria aprovou a mudança do nosso suporte para o HubSpot, como exportamos tudo?
Cansamos das mudanças de preço constantes e não vamos renovar.
Se a sincronização com o Salesforce não for corrigida este mês, vamos ter que trocar de ferramenta.
Reduzam as licenças a zero e depois fechem a conta, para nós acabou.
Achamos um fornecedor que faz o mesmo pela metade do preço, este é o nosso aviso.
Assim que o teste virar assinatura eu cancelo, não é o que nos prometeram.
O concorrente de vocês já montou um ambiente de teste para nós. Por que deveríamos ficar?
Com quanto tempo de antecedência tenho que avisar para sair? Queremos estar fora em junho.
Não vamos continuar com o serviço de vocês depois do período de cobrança atual
Cancelem minha assinatura e apaguem os dados do meu cartão, obrigado.
A diretoria quer largar a plataforma na renovação se os relatórios não melhorarem.
Estou encerrando nossa conta. Confirmem a fatura final, por favor.
Vamos mudar para outro helpdesk no mês que vem.
Depois de cinco anos com vocês estamos pensando seriamente em sair.
Não cobrem mais nada, estamos cancelando.
Estamos deixando a plataforma de vocês e precisamos de todos os anexos exportados até o dia 30.
Por esse preço não vai ter renovação.
"""
N["churn"] = """
Não queremos sair, mas podem explicar as novas faixas de preço?
Como cancelo um relatório agendado?
Nosso cliente cancelou a consulta, como atualizo o chamado?
Mudamos a forma de pagamento para boleto, podem confirmar que deu certo?
Como saio de uma equipe em que me colocaram por engano?
Podemos subir para o plano Business no meio do período?
Desativem a chave de API da nossa integração antiga, não é mais usada.
Quais são as condições de cancelamento do complemento? Pergunto antes de comprar.
Ano passado comparamos três fornecedores e escolhemos vocês, continuamos satisfeitos.
Um cliente nosso quer encerrar a conta dele na nossa loja, qual modelo usamos?
Quero renovar antes para garantir o preço atual.
Cancelem minha inscrição no webinar, não vou conseguir participar.
Vamos mudar de escritório semana que vem, atualizem nosso endereço por favor.
Posso deixar o espanhol como idioma padrão da central de ajuda?
Como apago chamados com mais de três anos?
Não estamos cancelando, só queremos passar de 12 para 10 licenças.
Tirem meu colega dos e-mails de novidades do produto.
O botão Cancelar do editor de chamados não fecha a janela.
Tem desconto de fidelidade se renovarmos por três anos?
Ano passado saímos do nosso helpdesk antigo para vir para vocês, podem ajudar a migrar o arquivo antigo também?
"""
P["distress"] = """
Já escrevi cinco vezes e toda resposta é copia e cola. Estou completamente esgotado.
Assunto: AINDA NÃO RESOLVIDO!!!! Três semanas esperando, isso é loucura
Sinceramente não sei quanto tempo mais eu aguento. Meu negócio depende disso.
Que tipo de empresa trata os clientes assim? Estou enojado.
Estou com tanta raiva que mal consigo digitar. Vocês apagaram nossos dados e ninguém pediu desculpa.
por favor, por favor, alguém me ajude, estou travado o dia todo e meu chefe está furioso comigo
Inacreditável. Pago todo mês e não recebo ajuda nenhuma.
É a experiência mais frustrante que já tive com um software.
Cansei de ser educado. Resolvam isso.
Todo dia perco clientes por causa disso e vocês não estão nem aí, é de partir o coração
Ninguém retorna minhas ligações. É como falar com a parede.
Isso já passou dos limites.
Estou quase chorando, todas as faturas de hoje saíram erradas e os clientes estão ligando
Por que é tão difícil ter uma resposta clara de vocês?!
Vocês me fizeram perder horas e estou espumando de raiva.
Não acredito em como isso foi mal conduzido. Lamentável.
A essa altura estou desesperado, alguém responda por favor.
Atendimento totalmente inaceitável, estou muito chateado.
Uma semana horrível por causa do erro e do silêncio de vocês.
Alguém lê essas mensagens?? Alô???
"""
N["distress"] = """
Obrigado pela correção rápida ontem, agradecemos muito.
Como podemos medir a frustração dos clientes nas nossas conversas de chat?
Sem problema se levar alguns dias, o relatório só vence no mês que vem.
Não estou nada chateado, só quero entender a fatura.
Podem adicionar uma etiqueta 'cliente irritado' às nossas etiquetas padrão?
Queremos encaminhar clientes insatisfeitos para agentes experientes, como crio a regra?
Desculpem tantos e-mails hoje, estamos em implantação.
O artigo de ajuda sobre análise de sentimento tem um link quebrado.
Respondam quando puderem, é uma dúvida pequena.
Nossos agentes ficam estressados na alta temporada, vocês têm licenças temporárias?
No começo fiquei incomodado, mas o novo editor é ótimo.
A pesquisa pode perguntar ao cliente o quanto ele ficou decepcionado numa escala?
Tudo bem, achamos a configuração sozinhos.
Um lembrete gentil da minha pergunta da semana passada.
Parabéns à Marta da equipe de vocês pela paciência.
Queremos um treinamento de desescalada para os novatos
O que significa a nota de sentimento 'frustrado' nos relatórios?
Podem me ligar às 15h para revisar a configuração?
Bom trabalho, a página do incidente estava bem clara.
Nossos clientes às vezes escrevem em maiúsculas, o filtro de spam pode ignorar isso?
"""
O = """
Posso mudar o nome do remetente das respostas?
Reenviem a fatura de outubro, por favor, não estou achando.
Como fecho de uma vez os chamados com mais de 30 dias?
Queremos adicionar nosso novo colega Jonas como agente.
Tem modo escuro no aplicativo de desktop?
A exportação CSV não inclui os campos personalizados, é normal?
Onde defino o horário comercial para os timers de SLA?
A central de ajuda pode ter senha para parceiros?
Como crio uma visão de chamados sem responsável?
Vocês suportam árabe na central de ajuda?
Mudem nosso e-mail de cobrança para financeiro@empresa.com.br por favor
Podem mandar uma proposta para 25 licenças no plano anual?
Como conecto nossa conta do Instagram?
O formato de data dos relatórios deve ser DD/MM/AAAA.
Um chamado pode ter dois responsáveis?
Existe app Android para agentes?
Como recupero uma resposta pronta apagada?
Chamados de clientes VIP devem receber uma etiqueta automaticamente.
O chat funciona com a Nuvemshop?
Adicionem um segundo administrador à nossa conta, por favor.
"""
