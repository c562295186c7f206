# Portuguese training phrasings (Brazil and Portugal), written by the project (see ../README.md).
# Same layout as en.py.
P, N, T = {}, {}, {}
P["security"] = """
Alguém entrou na nossa conta a partir da Rússia e criou chaves de API
Fomos hackeados, todas as senhas foram trocadas esta noite
Tem logins do Vietnã na conta do proprietário e ninguém daqui esteve lá
nossa lista de clientes apareceu num fórum de hackers
Acho que minhas credenciais foram roubadas, recebo e-mails de redefinição que não pedi
Um invasor tomou conta de três contas de agentes
Recebemos uma fatura falsa com link para uma página de login falsa e dois colegas digitaram a senha
Estão puxando dados pessoais dos nossos clientes pela API de vocês sem autenticação
URGENTE: suspeita de vazamento de dados, nossos clientes recebem e-mails com os chamados deles
A chave secreta do webhook vazou no GitHub e alguém está mandando pedidos falsos
Um ransomware criptografou nosso servidor, revoguem os tokens do conector por favor
Vejo clientes de outra empresa na minha busca, é um vazamento grave
Um ex-fornecedor continua entrando e baixando relatórios
Alguém desativou a autenticação em dois fatores do admin e criou outro administrador
Os links dos anexos são fáceis de adivinhar, abri arquivos de outras empresas
Mudaram nossos dados bancários sem autorização e o pagamento foi para outra conta
Burlaram o nosso SSO, pessoas sem conta entraram no espaço de trabalho
Tivemos um incidente de segurança e precisamos dos logs de auditoria de 30 dias
A conta foi comprometida e enviou spam para 20 mil contatos
Um IP desconhecido baixou toda a nossa base de contatos às 3 da manhã
Bloqueiem a conta agora, tem alguém lá dentro apagando coisas
A automação de vocês enviou prontuários de pacientes para o endereço errado
Fui desconectado e outra pessoa está usando minha conta neste momento
O portal me mostrou o RG de um desconhecido
Encontramos um usuário com todas as permissões que ninguém criou
O e-mail de redefinição vai para um endereço que não é nosso
Incidente LGPD: dados de 4 mil clientes ficaram públicos por um link compartilhado
Entrou malware por um arquivo anexado a um chamado
Alguém se passou pelo suporte de vocês no telefone e conseguiu o código 2FA
Phishing: um e-mail supostamente da equipe de segurança pede a senha
Roubaram um notebook com o aplicativo logado, encerrem todas as sessões por favor
Recebemos um pedido de resgate, dizem ter uma cópia da nossa base de chamados
Ataque de força bruta no login, milhares de tentativas e uma deu certo
acesso não autorizado ao painel de administração!! verifiquem já
Nossas chaves de API estão sendo usadas de um datacenter desconhecido
"""
N["security"] = """
Troquei minha senha por segurança, como atualizo o e-mail de recuperação?
Como ativo a autenticação em dois fatores para todos os agentes?
Podem enviar o último relatório de teste de intrusão para nossa auditoria de fornecedores?
Nosso encarregado de dados pergunta onde os dados ficam hospedados
Não houve vazamento nenhum, só fiquei bloqueado depois de várias tentativas
O login suspeito do mês passado era a nossa própria VPN, está tudo bem
Adicionem nosso novo responsável de segurança como administrador
Qual é a política de senhas de vocês?
O log de auditoria mostra quem exportou relatórios?
Esqueci a senha e o link expirou
Precisamos de um contrato de tratamento de dados assinado antes de começar
Como troco a chave do webhook? É rotina, não aconteceu nada
Não fomos hackeados, só não achamos a configuração
Onde fica a lista de suboperadores?
Dá para obrigar o uso de SSO?
O aviso de novo acesso era eu com o celular novo
Segue o questionário de segurança preenchido
Por quanto tempo vocês guardam chamados apagados?
Podemos limitar o acesso ao IP do escritório?
O incidente que relatamos em março foi resolvido, podem fechar o chamado
Vocês têm programa de bug bounty?
Quais dispositivos estão conectados à minha conta?
"""
T["security"] = """
me liguem por favor
quais dados foram afetados?
precisamos notificar em 72 horas
é muito urgente
"""
P["legal"] = """
Vamos levar isso à justiça
Se os dados não forem recuperados até sexta, nosso advogado vai pedir indenização
Passei o caso para o meu advogado
Esta é uma notificação extrajudicial por quebra de contrato, nos reservamos todos os direitos
Vamos processar vocês pela receita perdida
Vou registrar uma reclamação na ANPD
Vocês vão receber uma carta do nosso jurídico
Se eu não receber meu dinheiro de volta, vou ao juizado de pequenas causas
Nosso escritório está preparando uma ação pelo descumprimento do SLA
Vou denunciar vocês no Procon e no Reclame Aqui
Último aviso antes de tomarmos medidas judiciais
Reter meu reembolso é ilegal e vou buscar meus direitos na justiça
Isso viola a LGPD e já acionei a autoridade
a gente se vê no tribunal, isso é golpe
Meu advogado diz que vocês são responsáveis pelo prejuízo
Vamos pedir indenização na justiça
Sem resposta em 10 dias, entraremos com um processo
Os termos de vocês são abusivos e vamos contestá-los na justiça
Nosso departamento jurídico vai entrar em contato sobre a quebra do contrato
Vou fazer um boletim de ocorrência por fraude
Parem de escrever para os nossos clientes ou tomaremos medidas legais
A partir de hoje o assunto está com os nossos advogados
Vou entrar com uma ação se a conta não for desbloqueada hoje
Vamos responsabilizar vocês judicialmente por cada pedido perdido
Já contratamos um advogado
Estamos preparando um pedido de indenização de 40 mil reais
"""
N["legal"] = """
Nosso advogado precisa de uma cópia da fatura
Onde ficam os termos de uso e a política de privacidade?
Podem enviar o contrato assinado para o nosso jurídico?
Nosso jurídico está revisando o acordo de tratamento de dados
Somos um escritório de advocacia e queremos usar chamados para atender clientes
Como coloco um aviso legal nos e-mails enviados?
Não temos nenhuma intenção de processar ninguém, só queremos a solução
Atualizem a razão social nas faturas, por favor
Qual é a lei aplicável ao contrato?
Nossa advogada quer participar da reunião de início
Um cliente pediu acesso aos dados pela LGPD, como exportamos?
Dá para assinar o contrato eletronicamente?
Não estou ameaçando, só quero um crédito
Por quanto tempo precisamos guardar os dados por motivos legais?
Um cliente nosso ameaçou nos processar, como marcamos esses chamados?
O processo do ano passado foi encerrado, arquivem os chamados antigos
Tenho uma dúvida sobre a cláusula de responsabilidade antes de assinar
O SLA de vocês inclui créditos por indisponibilidade?
O campo 'foro' não aparece no formulário
"""
T["legal"] = """
é a última chance de vocês
está tudo documentado
prazo: 10 dias
"""
P["outage"] = """
todas as nossas requisições retornam 502 desde as 9h
O aplicativo está fora do ar para a empresa inteira
A API de vocês está dando timeout há uma hora, nada passa
O site não carrega, só tela branca
Ninguém da equipe consegue entrar, está tendo alguma queda?
Todas as páginas mostram 'serviço indisponível'
Produção parada: os webhooks não chegam desde as 7h40
Queda total, nem o app nem o site funcionam
Não conseguimos acessar os servidores de vocês desde cedo
A página de status está verde mas o portal não carrega para ninguém
Desde ontem à noite nenhum e-mail é enviado
Erro 500 em toda chamada da nossa integração
A plataforma inteira caiu no nosso horário de pico
A central de ajuda está fora do ar e os clientes não conseguem abrir chamados
A sincronização está totalmente parada há 3 horas
o sistema caiu? nenhum dos nossos 60 agentes consegue trabalhar
O chat sumiu do nosso site
A região da Europa de vocês parece fora do ar
Depois da manutenção nada mais funciona
Só erro 503 desde as 14h05
Os servidores não respondem, as requisições ficam travadas
Nossa loja está fora do ar porque a API de pagamento de vocês não responde
Está tudo quebrado desde a atualização de hoje cedo
A caixa de entrada não carrega, fica rodando em todos os navegadores
O serviço está inacessível de novo, terceira vez nesta semana
A queda continua aqui
O envio de arquivos falha para todos os usuários
A telefonia parou, as ligações não são registradas
Desde as 8h a plataforma está lentíssima e acaba dando erro
Recebemos HTTP 504 em toda chamada
"""
N["outage"] = """
A queda da terça passada entra no relatório de SLA?
Como sou avisado das manutenções programadas?
O problema de ontem já foi resolvido aqui, obrigado pela rapidez
Temos direito a crédito pela indisponibilidade da semana passada?
Vocês têm uma página de status para assinar?
Nosso site vai estar em manutenção esta noite, podem pausar o chat?
O relatório fica lento quando escolho um ano inteiro
Tem limite de chamadas na API? Apareceram alguns 429 na importação
Como mostro uma mensagem 'offline' no chat quando não tem ninguém?
Nosso servidor vai estar fora no sábado, os webhooks são reenviados?
O app não caiu, só não acho o botão de exportar
Qual disponibilidade vocês garantem no plano Enterprise?
Uma imagem do artigo não carrega, as outras sim
Tivemos queda de internet no escritório, já voltou tudo
O aplicativo de desktop funciona offline?
Podem explicar o incidente de segunda para a nossa análise?
A sincronização está um pouco lenta mas funciona
Não tem queda nenhuma, só precisamos de mais licenças
"""
T["outage"] = """
os agentes estão parados
os clientes estão ligando
tem previsão?
"""
P["churn"] = """
Na renovação vamos para o concorrente de vocês
Por favor cancelem nossa assinatura no fim do mês
Decidimos não renovar o contrato
Se isso não for resolvido vamos trocar de fornecedor
Como encerro a conta e apago tudo? Estamos saindo
Estamos avaliando alternativas e provavelmente vamos sair no terceiro trimestre
Quero rescindir o contrato, mandem o formulário
Sinceramente, chega. Cancelem a conta.
A equipe decidiu migrar para o Zendesk no próximo trimestre
A concorrência ofereceu preço melhor e vamos aceitar
Estamos pensando seriamente em cancelar
Foi a gota d'água, vamos procurar outra ferramenta
Não renovem automaticamente, não vamos continuar
Mais uma queda e a gente sai
Não vamos prorrogar o acordo quando terminar em junho
Cancelem meu plano imediatamente e devolvam o restante
Assinamos com outro fornecedor, processem nosso cancelamento
Com esse aumento de preço não dá para ficar
Não vou continuar pagando por isso, cancelem
A diretoria decidiu deixar de usar o serviço de vocês
Pensamos em ir para uma solução mais barata
Como eu saio deste contrato?
Já começamos a migração para outro helpdesk
Qual é o aviso prévio? Queremos encerrar
Vocês vão perder um cliente
Vamos levar nosso negócio para outro lugar
Excluam minha conta de vez, estou trocando de fornecedor
"""
N["churn"] = """
Não pretendemos cancelar, é só uma dúvida sobre a fatura
Como cancelo um chamado criado por engano?
Por favor cancelem a reunião de amanhã, vamos remarcar
Como cancelo um pedido na integração com a Shopify?
Posso mudar do pagamento mensal para anual?
Queremos renovar por mais dois anos, podem mandar uma proposta?
Como removo um usuário que saiu da empresa?
Nosso cliente quer cancelar o pedido dele, qual macro uso?
Acabamos de renovar e a fatura mostra o preço antigo
Como mudo o idioma da interface?
Estamos migrando da nossa ferramenta antiga para a de vocês, ajudam na importação?
Muito satisfeitos com o produto, queremos levar para a equipe de Lisboa
O que acontece com nossos dados se um dia cancelarmos? Compras pergunta
Cancelem a fatura duplicada por favor
Me tirem da newsletter, o produto eu quero manter
Não vamos sair, mas consertem a exportação por favor
Podemos pausar a conta nas férias em vez de cancelar?
A renovação está chegando, mandem o novo contrato
"""
T["churn"] = """
confirmem por escrito
somos clientes há 4 anos
que pena
"""
P["distress"] = """
Não sei mais o que fazer, é a terceira vez que escrevo
Isso é totalmente inaceitável!!! Ninguém responde
Estou tão frustrado, passei o fim de semana inteiro nisso
O pior suporte que já vi
Estou furioso. Cobraram duas vezes e ignoram meus e-mails
Por favor, eu imploro, preciso de ajuda hoje ou perco meu maior cliente
Por que ninguém responde?? Estou esperando há 10 dias
Estou cansado das desculpas de vocês
É uma vergonha, estou muito bravo
Vocês estão acabando com o meu pequeno negócio e ninguém liga
Estou desesperado, amanhã é dia de pagamento e não consigo acessar nada
Sério?! De novo? Não aguento mais
Quantas vezes vou ter que explicar a mesma coisa, é ridículo
Me sinto totalmente abandonado
Bando de incompetentes
Esse erro está me deixando louco
Atendimento péssimo. Péssimo mesmo.
Ninguém me ajuda há duas semanas, estou muito chateado
Parem de mandar respostas automáticas e coloquem uma pessoa para me atender!
Não consigo dormir por causa disso, minha loja está parada
Minha paciência acabou
Estou profundamente decepcionado e com raiva
me ajudem por favor, não sei mais o que fazer
O atendente desligou na minha cara. Revoltante.
Cansei de correr atrás de vocês
É um pesadelo, meus clientes estão gritando comigo
Nunca fui tão mal tratado
Vocês fecham meu chamado sem resolver nada, é irritante
"""
N["distress"] = """
Às vezes nossos clientes ficam chateados com a espera, dá para colocar uma resposta automática?
Como marco clientes irritados para terem prioridade?
Sem pressa, quando puderem
Muito obrigado, vocês me ajudaram muito!
Não estou bravo, só confuso com a fatura
O relatório de satisfação mostra quantos clientes estão insatisfeitos?
Desculpem incomodar de novo, uma dúvida rápida sobre a API
Estamos satisfeitos com o produto, só um probleminha na exportação
Semana passada fiquei um pouco frustrado mas o colega de vocês resolveu, obrigado
Como configuro uma pesquisa de satisfação?
Ainda aguardo a proposta, alguma novidade?
Entendo que estão ocupados, respondam quando der
Parabéns pela nova versão!
Queremos um treinamento sobre como lidar com clientes difíceis
Um lembrete da minha pergunta de segunda
Podem me ligar amanhã de manhã?
"""
T["distress"] = """
quero falar com um supervisor
me respondam de uma vez
"""
O = """
Como troco o logo dos modelos de e-mail?
Enviem a fatura em PDF para financeiro@example.com.br por favor
Podemos criar um segundo espaço para a nossa filial?
Como adiciono um agente novo?
Onde mudo o fuso horário dos relatórios?
Precisamos de um campo para o número do pedido no formulário
Como funciona a distribuição rotativa de chamados?
Vocês têm desconto para ONGs?
Como junto dois chamados?
A macro de reembolso insere o campo errado
Atualizem nosso endereço de cobrança, por favor
Posso exportar todos os chamados de 2023 para o Excel?
Tem integração com o Slack?
As notificações do app chegam demais, como reduzo?
Qual a diferença entre o plano Equipe e o Business?
Falta o nosso CNPJ na última fatura
A busca não encontra chamados pelo número de telefone
Como traduzo a central de ajuda para o inglês?
Dá para compartilhar respostas prontas com a equipe toda?
Queremos a mesma assinatura de e-mail para todos os agentes
Como defino o horário de atendimento do chat?
Os clientes conseguem anexar arquivos pelo formulário do site?
Preciso de treinamento para três colegas novas
Como redireciono nossa caixa de e-mail para os chamados?
A visão 'Meus chamados abertos' deveria ser ordenada por prioridade
Podemos criar status de chamado próprios?
A exportação em CSV usa o separador errado para o Excel
Onde vejo o tempo médio de resposta por agente?
Mudem nossa assinatura para cobrança anual a partir de março, por favor
Como ligo o CRM aos chamados?
Os atalhos de teclado não funcionam no Mac como diz o guia
Posso mudar a cor da janela do chat?
Quantos agentes o plano Starter inclui?
Meu colega não recebe o convite
Dá para colocar etiquetas automáticas por palavras-chave?
Como envio ao cliente uma cópia do chamado dele?
Apaguem o usuário de teste teste@empresa.com.br, obrigado
Gostaríamos de uma demonstração da base de conhecimento
A pesquisa depois do chamado deve sair só em português
Olá, o link para sair da nossa newsletter abre uma página vazia
"""
# segunda leva
P["churn"] += """
Estamos pensando em deixar vocês, os últimos meses foram ruins
Estamos procurando uma nova ferramenta de atendimento
Considerem isto nosso aviso prévio de 30 dias
Não quero mais ser cliente
Vamos cancelar assim que o contrato permitir
Parem a assinatura, achamos algo melhor
Vamos sair no fim do período contratado
Não vamos renovar. É definitivo.
Estamos buscando um substituto para o produto de vocês
O contrato termina em maio e vamos deixar vencer
O custo não se justifica mais, vamos largar
Estou a um passo de cancelar
Se aumentarem o preço de novo, a gente sai
"""
P["distress"] += """
Estou com os nervos à flor da pele e ninguém me ajuda
É o quarto e-mail e nada, estou de saco cheio
Isso está me tirando do sério
Uma experiência horrível do começo ao fim
Socorro!!! nada funciona e tenho uma apresentação com cliente em uma hora
Não aguento mais
O suporte de vocês é uma piada
Sinto que ninguém na empresa de vocês se importa com a gente
Estou muito decepcionado, eu confiava em vocês
"""
P["outage"] += """
Ninguém da equipe consegue acessar a plataforma agora
A API de vocês dá erro em toda requisição
O app fecha ao abrir para todo mundo desde a última versão
O sistema inteiro não responde, tem algo errado aí?
Tudo dá timeout. O serviço de vocês caiu?
"""
N["churn"] += """
Somos clientes satisfeitos e queremos estender o contrato por mais um ano
Nosso contrato renova no mês que vem, o preço continua o mesmo?
Posso mudar para o plano mais barato sem perder os dados?
"""
# terceira leva
P["security"] += """
Não sei quem foi, mas a senha do admin foi trocada às 2h e ficamos trancados fora da nossa própria conta
Um estranho ligou para nossos clientes citando detalhes que só existem na ferramenta de vocês
Tem um acesso do Cazaquistão na conta do diretor e ele está sentado do meu lado
Apareceu um encaminhamento na nossa caixa de suporte que ninguém criou
Suspeitamos que um funcionário levou todos os dados dos clientes VIP antes de pedir demissão
Recebemos um boleto 'do financeiro de vocês' com outra conta bancária, é golpe?
"""
P["outage"] += """
Desde as 10h nossos agentes não conseguem carregar nenhuma conversa
Alô? O app está mostrando 'reconectando' há uma hora
Estamos totalmente travados, o helpdesk inteiro está inacessível
A API está devolvendo erro 500 sem parar e nosso checkout depende dela
Caiu de novo. Tudo. Para todo mundo.
"""
P["churn"] += """
Já estamos conversando com outros fornecedores, a proposta de renovação de vocês não é competitiva
Processem nosso cancelamento, a decisão está tomada
Nossa empresa escolheu outra plataforma para o ano que vem
No fim do mês vocês perdem a gente
Não cobrem mais nada a partir do mês que vem, estamos cancelando o serviço
Estou cancelando. Não tentem me convencer.
"""
P["distress"] += """
Uma hora na espera do telefone e a ligação caiu duas vezes, é irritante demais
Ninguém responde, é como gritar no vazio
Vocês não fazem ideia do estresse que isso está me causando
Isso está assim há semanas e eu estou no limite
Qual é o problema de vocês??
Estou indignado com a forma como fui tratado
"""
P["legal"] += """
Estamos dispostos a ir à justiça pelos créditos pendentes
Encaminhem ao jurídico de vocês: vamos processar
Semana que vem vocês recebem um pedido formal de indenização
Que um juiz decida se essa cobrança é legal
"""
N["legal"] += """
O advogado de um cliente mandou uma carta, como anexo ao chamado?
Qual foro aparece nos termos? Só para os nossos registros
Nosso jurídico pergunta se vocês têm um contrato padrão para revendas
"""
N["outage"] += """
No domingo vamos estar em manutenção, não mandem pesquisas nesse dia
O relatório do incidente da semana passada foi muito útil
"""
N["security"] += """
Queremos fazer uma simulação de phishing com a equipe, dá para excluir os e-mails de vocês?
Como dou acesso de leitura ao log de auditoria para o nosso auditor externo?
"""
