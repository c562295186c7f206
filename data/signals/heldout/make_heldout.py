#!/usr/bin/env python3
"""Writes the held-out files (one per signal, plus ordinary.tsv) from the sentences below. These
were written separately from the training cores, with other phrasings, and are never used to
train or tune: only bench_signals reads them, to report. Run from this folder."""
H = []
def add(sig, lang, label, text):
    for l in text.strip().split("\n"):
        if l.strip():
            H.append((sig, lang, label, l.strip()))

add("security","en",1,"""
Someone accessed my mailbox and forwarded all invoices to an external address
Our admin account got hijacked last night and the attacker created new API tokens
I just found our customer list for sale on a dark web site, it came from your system
A bunch of strange password reset attempts and now two accounts are compromised
One of your emails asked me to log in on a fake page and I entered my password
My bank details were changed in the profile by someone who is not me
We suspect a breach: our clients received emails with their order history from a stranger
Security incident: the backup bucket was publicly readable
Attackers bypassed the login and are reading our messages
Our payroll data was leaked after using your integration
Malicious script injected into our help center pages
Unknown device signed in to the owner account and downloaded every file
Credentials for our service account were stolen and used to delete records
Please lock our account immediately, we have been hacked
The shared link exposes employee social security numbers to anyone
Cryptolocker hit the machine with your sync agent and files are encrypted
""")
add("security","en",0,"""
For security reasons we rotate passwords every 90 days, how do I force that for all users?
Can your team fill in our security assessment form before procurement?
Is there an audit log that shows who edited a record?
What encryption do you use for backups?
Our IT security department wants to know your data center locations
I changed my password and now the mobile app asks me to log in again, is that normal?
Please send the penetration test summary for our compliance file
How can I restrict login to our office IP range?
No hack or anything, I just locked myself out after too many attempts
We want to enable mandatory two-step verification for everyone
""")
add("security","de",1,"""
Jemand hat sich in mein Postfach eingeloggt und alle Rechnungen weitergeleitet
Unser Admin-Konto wurde heute Nacht gekapert, der Angreifer hat neue Tokens erstellt
Unsere Kundenliste wird im Darknet verkauft, sie stammt aus Ihrem System
Seltsame Passwort-Resets und jetzt sind zwei Konten kompromittiert
Wir vermuten einen Hackerangriff, Kunden bekommen fremde Mails mit ihren Bestellungen
Der Backup-Speicher war öffentlich lesbar, ein Sicherheitsvorfall
Angreifer haben die Anmeldung umgangen und lesen unsere Nachrichten
Unsere Gehaltsdaten sind nach der Nutzung Ihrer Integration abgeflossen
Ein unbekanntes Gerät hat sich am Eigentümerkonto angemeldet und alle Dateien geladen
Zugangsdaten unseres Dienstkontos wurden gestohlen und Datensätze gelöscht
Bitte sperren Sie sofort unser Konto, wir wurden gehackt
Verschlüsselungstrojaner auf dem Rechner mit Ihrem Sync-Agent
Die Bankverbindung im Profil wurde von einem Fremden geändert
Es gab einen unberechtigten Zugriff auf unsere Personaldaten
""")
add("security","de",0,"""
Aus Sicherheitsgründen ändern wir Passwörter alle 90 Tage, wie erzwinge ich das?
Gibt es ein Protokoll, wer einen Datensatz geändert hat?
Welche Verschlüsselung nutzen Sie für Backups?
Unsere IT-Sicherheit möchte wissen, wo Ihre Rechenzentren stehen
Kein Hackerangriff oder so, ich habe mich nur zu oft vertippt und bin gesperrt
Wir möchten die Zwei-Faktor-Anmeldung für alle verpflichtend machen
Können Sie unseren Sicherheitsfragebogen vor der Bestellung ausfüllen?
Wie beschränke ich die Anmeldung auf unsere Büro-IP?
""")
add("security","fr",1,"""
Quelqu'un a accédé à ma messagerie et a transféré toutes les factures à une adresse externe
Notre compte admin a été détourné cette nuit et l'attaquant a créé des jetons API
Notre fichier clients est en vente sur le dark web, il provient de votre système
Des tentatives de réinitialisation étranges, et deux comptes sont maintenant compromis
Nous soupçonnons une intrusion, nos clients reçoivent des e-mails d'un inconnu
Le stockage des sauvegardes était lisible publiquement, incident de sécurité
Des attaquants ont contourné la connexion et lisent nos messages
Nos données de paie ont fuité après l'utilisation de votre intégration
Un appareil inconnu s'est connecté au compte propriétaire et a tout téléchargé
Les identifiants de notre compte de service ont été dérobés
Bloquez notre compte immédiatement, nous avons été piratés
Un ransomware a chiffré le poste qui fait tourner votre agent
Les coordonnées bancaires du profil ont été modifiées par un tiers
""")
add("security","fr",0,"""
Par sécurité nous changeons les mots de passe tous les 90 jours, comment l'imposer ?
Existe-t-il un journal d'audit des modifications ?
Quel chiffrement utilisez-vous pour les sauvegardes ?
Notre RSSI veut connaître l'emplacement de vos centres de données
Pas de piratage, je me suis juste bloqué après trop d'essais
Nous voulons rendre la double authentification obligatoire pour tous
Pouvez-vous remplir notre questionnaire sécurité avant l'achat ?
Comment limiter la connexion à l'IP du bureau ?
""")
add("security","es",1,"""
Alguien entró en mi correo y reenvió todas las facturas a una dirección externa
Secuestraron nuestra cuenta de administrador anoche y el atacante creó tokens nuevos
Nuestra lista de clientes se vende en la dark web y salió de su sistema
Intentos raros de restablecer contraseña y ahora dos cuentas están comprometidas
Sospechamos una intrusión, los clientes reciben correos de un desconocido con sus pedidos
El almacenamiento de copias de seguridad era público, es un incidente de seguridad
Unos atacantes se saltaron el login y leen nuestros mensajes
Se filtraron los datos de nóminas después de usar su integración
Un dispositivo desconocido entró en la cuenta del propietario y descargó todo
Robaron las credenciales de nuestra cuenta de servicio y borraron registros
Bloqueen nuestra cuenta ya, nos han hackeado
Un ransomware cifró el equipo donde corre su agente
Un tercero cambió los datos bancarios del perfil
""")
add("security","es",0,"""
Por seguridad cambiamos las contraseñas cada 90 días, ¿cómo lo obligo?
¿Existe un registro de auditoría de cambios?
¿Qué cifrado usan para las copias de seguridad?
Nuestro responsable de seguridad quiere saber dónde están sus centros de datos
No es ningún hackeo, solo me bloqueé por intentar demasiadas veces
Queremos que la verificación en dos pasos sea obligatoria para todos
¿Pueden rellenar nuestro cuestionario de seguridad antes de la compra?
¿Cómo limito el acceso a la IP de la oficina?
""")
add("security","pt",1,"""
Alguém entrou no meu e-mail e encaminhou todas as faturas para um endereço externo
Sequestraram nossa conta de administrador ontem à noite e o atacante criou tokens novos
Nossa lista de clientes está à venda na dark web e saiu do sistema de vocês
Tentativas estranhas de redefinir senha e agora duas contas estão comprometidas
Suspeitamos de uma invasão, clientes recebem e-mails de um estranho com seus pedidos
O armazenamento de backups estava público, é um incidente de segurança
Atacantes burlaram o login e estão lendo nossas mensagens
Os dados da folha de pagamento vazaram depois da integração de vocês
Um dispositivo desconhecido entrou na conta do dono e baixou tudo
Roubaram as credenciais da nossa conta de serviço e apagaram registros
Bloqueiem nossa conta agora, fomos hackeados
Um ransomware criptografou a máquina onde roda o agente de vocês
Um terceiro alterou os dados bancários do perfil
""")
add("security","pt",0,"""
Por segurança trocamos as senhas a cada 90 dias, como obrigo isso?
Existe um log de auditoria das alterações?
Qual criptografia vocês usam nos backups?
Nosso responsável de segurança quer saber onde ficam os data centers
Não foi invasão nenhuma, só me bloqueei por errar a senha várias vezes
Queremos tornar a verificação em duas etapas obrigatória para todos
Podem preencher nosso questionário de segurança antes da compra?
Como limito o acesso ao IP do escritório?
""")

add("legal","en",1,"""
Unless the refund reaches us within 7 days, we will commence legal proceedings
I have already spoken to a lawyer and we will be filing suit
This matter is now with our legal team, who will be contacting you about damages
Fix this or I will see you in court
We intend to claim damages for the lost revenue through our attorneys
I will be lodging a formal complaint with the financial ombudsman
You leave me no choice but to involve my lawyer
Our counsel will send a demand letter this week
We will escalate this to the regulator and pursue every legal remedy
Please treat this email as a letter before action
I am suing for the money you took from my account
Your breach of the SLA will be settled in court if necessary
""")
add("legal","en",0,"""
Can you provide a signed copy of the master agreement for our lawyer?
Our legal team is reviewing the new terms, no action needed from you
I work at a law firm, can I get the professional plan discount?
Where do I download the DPA for signature?
Please add our general counsel as a billing contact
We are not going to sue anyone, I just need the invoice corrected
Does your retention policy meet court discovery requirements?
The court date field in our case template does not save
""")
add("legal","de",1,"""
Wenn die Erstattung nicht binnen 7 Tagen eingeht, leiten wir ein Gerichtsverfahren ein
Ich habe bereits mit einem Anwalt gesprochen, wir werden klagen
Die Sache liegt jetzt bei unserer Rechtsabteilung, die Schadensersatz fordern wird
Beheben Sie das oder wir sehen uns vor Gericht
Wir werden den Umsatzausfall über unsere Anwälte einklagen
Ich werde eine förmliche Beschwerde bei der BaFin einreichen
Sie lassen mir keine Wahl, als meinen Anwalt einzuschalten
Unser Rechtsbeistand wird Ihnen diese Woche ein Schreiben schicken
Ich verklage Sie auf das Geld, das Sie abgebucht haben
Die Verletzung des SLA klären wir notfalls gerichtlich
""")
add("legal","de",0,"""
Können Sie unserem Anwalt eine unterschriebene Kopie des Rahmenvertrags schicken?
Unsere Rechtsabteilung prüft die neuen Bedingungen, Sie müssen nichts tun
Ich arbeite in einer Kanzlei, gibt es einen Rabatt für Freiberufler?
Wir werden niemanden verklagen, ich brauche nur eine korrigierte Rechnung
Das Feld Gerichtstermin in unserer Vorlage speichert nicht
Wo kann ich den AV-Vertrag zur Unterschrift herunterladen?
""")
add("legal","fr",1,"""
Si le remboursement n'arrive pas sous 7 jours, nous saisirons la justice
J'ai déjà consulté un avocat et nous allons vous assigner
Le dossier est maintenant entre les mains de notre service juridique qui réclamera des dommages et intérêts
Corrigez cela ou on se verra devant le juge
Nous allons réclamer le chiffre d'affaires perdu par voie judiciaire
Je vais déposer une réclamation officielle auprès du médiateur
Vous ne me laissez pas d'autre choix que de prendre un avocat
Je vais vous poursuivre pour l'argent prélevé sur mon compte
Le non-respect du SLA sera réglé devant les tribunaux si nécessaire
""")
add("legal","fr",0,"""
Pouvez-vous fournir une copie signée du contrat-cadre pour notre avocat ?
Notre service juridique relit les nouvelles conditions, rien à faire de votre côté
Je travaille dans un cabinet d'avocats, y a-t-il une remise ?
Nous n'allons poursuivre personne, il faut juste corriger la facture
Le champ date d'audience de notre modèle ne s'enregistre pas
Où télécharger l'accord de sous-traitance à signer ?
""")
add("legal","es",1,"""
Si el reembolso no llega en 7 días iniciaremos un procedimiento judicial
Ya hablé con un abogado y vamos a presentar una demanda contra ustedes
El asunto está ahora en manos de nuestro equipo jurídico, que reclamará daños y perjuicios
Arréglenlo o nos vemos en los tribunales
Vamos a reclamar judicialmente los ingresos perdidos
Voy a poner una reclamación formal ante el defensor del consumidor
No me dejan otra opción que acudir a mi abogado
Les voy a demandar por el dinero que cobraron de mi cuenta
El incumplimiento del SLA lo resolveremos en un juzgado si hace falta
""")
add("legal","es",0,"""
¿Pueden enviar una copia firmada del contrato marco para nuestro abogado?
Nuestro equipo jurídico revisa las nuevas condiciones, no necesitan hacer nada
Trabajo en un despacho de abogados, ¿hay descuento?
No vamos a demandar a nadie, solo necesito la factura corregida
El campo fecha de juicio de la plantilla no se guarda
¿Dónde descargo el contrato de tratamiento de datos para firmarlo?
""")
add("legal","pt",1,"""
Se o reembolso não cair em 7 dias vamos entrar com uma ação na justiça
Já falei com um advogado e vamos abrir um processo contra vocês
O caso agora está com nosso jurídico, que vai cobrar indenização
Resolvam isso ou nos vemos no tribunal
Vamos cobrar judicialmente a receita perdida
Vou registrar uma reclamação formal no Procon e no Banco Central
Vocês não me deixam outra opção a não ser acionar meu advogado
Vou processar vocês pelo dinheiro que tiraram da minha conta
O descumprimento do SLA vai ser resolvido na justiça se for preciso
""")
add("legal","pt",0,"""
Podem mandar uma cópia assinada do contrato para o nosso advogado?
Nosso jurídico está revisando os novos termos, não precisam fazer nada
Trabalho num escritório de advocacia, tem desconto?
Não vamos processar ninguém, só preciso da nota corrigida
O campo data da audiência no modelo não salva
Onde baixo o contrato de tratamento de dados para assinar?
""")

add("outage","en",1,"""
Getting a gateway timeout on every page, the whole app is unreachable
None of our 40 agents can load the inbox since 8:15
The service has been completely dead for us for 30 minutes
Login page spins forever for everyone, is your system having problems?
Production is down for our entire company
We see HTTP 502 from your API across all regions
Our customers report the widget is gone from our site, your CDN seems down
Total blackout: the app and the API both fail
Everyone in our org gets an error when opening the dashboard
Your platform is unreachable from all our offices
Since the update nothing loads, whole team is blocked
The system crashed and nobody has been able to work all morning
""")
add("outage","en",0,"""
Was last night's downtime related to the database migration?
Could you share your incident history for our vendor review?
Will you notify us before the next maintenance window?
The down arrow in the table sort does not work
Everything is running fine now, thanks for the quick fix last week
We want to monitor your status page with our tools, is there an RSS feed?
One user sees an old avatar, not a big deal
What happens to queued emails during an outage?
""")
add("outage","de",1,"""
Auf jeder Seite kommt ein Gateway-Timeout, die App ist nicht erreichbar
Keiner unserer 40 Mitarbeiter kann seit 8:15 den Posteingang laden
Der Dienst ist seit 30 Minuten komplett tot
Die Anmeldeseite lädt endlos für alle, haben Sie Probleme?
Die Produktion steht für unser ganzes Unternehmen
Ihre API liefert in allen Regionen HTTP 502
Seit dem Update lädt gar nichts mehr, das ganze Team ist blockiert
Das System ist abgestürzt und niemand konnte den ganzen Vormittag arbeiten
Ihre Plattform ist von keinem unserer Standorte aus erreichbar
Alle bekommen beim Öffnen des Dashboards eine Fehlermeldung
""")
add("outage","de",0,"""
Hing die Ausfallzeit gestern Nacht mit der Datenbankmigration zusammen?
Können Sie uns Ihre Störungshistorie für die Lieferantenprüfung schicken?
Informieren Sie uns vor dem nächsten Wartungsfenster?
Jetzt läuft wieder alles, danke für die schnelle Lösung letzte Woche
Gibt es für Ihre Statusseite einen RSS-Feed?
Was passiert mit E-Mails in der Warteschlange während einer Störung?
""")
add("outage","fr",1,"""
Délai d'attente dépassé sur chaque page, l'application est injoignable
Aucun de nos 40 agents ne peut charger la boîte de réception depuis 8h15
Le service est complètement mort depuis 30 minutes
La page de connexion tourne dans le vide pour tout le monde
La production est arrêtée pour toute l'entreprise
Votre API renvoie des HTTP 502 dans toutes les régions
Depuis la mise à jour plus rien ne s'affiche, toute l'équipe est bloquée
Le système a planté et personne n'a pu travailler de la matinée
Votre plateforme est injoignable depuis tous nos bureaux
""")
add("outage","fr",0,"""
L'interruption d'hier soir était-elle liée à la migration de la base ?
Pouvez-vous partager l'historique des incidents pour notre audit fournisseur ?
Serons-nous prévenus avant la prochaine fenêtre de maintenance ?
Tout fonctionne à nouveau, merci pour la correction rapide la semaine dernière
Votre page de statut a-t-elle un flux RSS ?
Que deviennent les e-mails en file d'attente pendant une panne ?
""")
add("outage","es",1,"""
Sale un timeout en cada página, la aplicación es inaccesible
Ninguno de nuestros 40 agentes puede cargar la bandeja desde las 8:15
El servicio está completamente muerto desde hace 30 minutos
La página de acceso se queda cargando para todos
Producción está parada para toda la empresa
Su API devuelve HTTP 502 en todas las regiones
Desde la actualización no carga nada, todo el equipo está bloqueado
El sistema se colgó y nadie ha podido trabajar en toda la mañana
No se puede acceder a su plataforma desde ninguna de nuestras oficinas
""")
add("outage","es",0,"""
¿La interrupción de anoche tuvo que ver con la migración de la base de datos?
¿Pueden compartir el historial de incidencias para nuestra auditoría?
¿Nos avisarán antes de la próxima ventana de mantenimiento?
Ya funciona todo otra vez, gracias por el arreglo rápido de la semana pasada
¿Su página de estado tiene un feed RSS?
¿Qué pasa con los correos en cola durante una caída?
""")
add("outage","pt",1,"""
Dá timeout em todas as páginas, o aplicativo está inacessível
Nenhum dos nossos 40 atendentes consegue carregar a caixa de entrada desde 8h15
O serviço está completamente morto há 30 minutos
A tela de login fica carregando para todo mundo
A produção parou para a empresa inteira
A API de vocês retorna HTTP 502 em todas as regiões
Desde a atualização não carrega nada, a equipe toda está travada
O sistema travou e ninguém conseguiu trabalhar a manhã toda
Não conseguimos acessar a plataforma de nenhum escritório
""")
add("outage","pt",0,"""
A indisponibilidade de ontem à noite teve a ver com a migração do banco?
Podem compartilhar o histórico de incidentes para nossa auditoria?
Vão avisar antes da próxima janela de manutenção?
Agora está tudo funcionando, obrigado pela correção rápida semana passada
A página de status tem feed RSS?
O que acontece com os e-mails na fila durante uma queda?
""")

add("churn","en",1,"""
Honestly we are about to walk away from your platform
Please send me the steps to terminate our agreement, we found a cheaper vendor
Our renewal is in March and right now the answer is no
If the price goes up again we are out
We've signed with another vendor and will be migrating off next month
I'm this close to cancelling everything
Unless you match the offer we got elsewhere we will leave
Consider this our notice that we will not be renewing
We're evaluating a replacement for your tool because of these bugs
Can you tell me how to delete our company account, we are moving on
""")
add("churn","en",0,"""
We have no plans to leave, we only need an invoice copy
How do I cancel an individual ticket escalation?
We are renewing for two more years, please send the contract
Can I cancel the webinar registration for my colleague?
Please remove one inactive user from our plan
I'd like to switch the plan from monthly to yearly billing
How do I delete a single contact?
We are not cancelling, just checking the notice period for the records
""")
add("churn","de",1,"""
Ehrlich gesagt sind wir kurz davor, Ihre Plattform zu verlassen
Schicken Sie mir bitte, wie wir den Vertrag beenden, wir haben einen günstigeren Anbieter gefunden
Unsere Verlängerung ist im März und im Moment lautet die Antwort nein
Wenn der Preis noch einmal steigt, sind wir weg
Wir haben bei einem anderen Anbieter unterschrieben und ziehen nächsten Monat um
Ich bin kurz davor, alles zu kündigen
Betrachten Sie dies als Mitteilung, dass wir nicht verlängern werden
Wegen dieser Fehler suchen wir einen Ersatz für Ihr Tool
""")
add("churn","de",0,"""
Wir haben nicht vor zu gehen, wir brauchen nur eine Rechnungskopie
Wir verlängern um zwei Jahre, bitte schicken Sie den Vertrag
Kann ich die Webinar-Anmeldung meiner Kollegin stornieren?
Bitte entfernen Sie einen inaktiven Benutzer aus unserem Tarif
Ich möchte von monatlicher auf jährliche Abrechnung wechseln
Wir kündigen nicht, ich frage nur nach der Kündigungsfrist für unsere Unterlagen
""")
add("churn","fr",1,"""
Honnêtement nous sommes sur le point de quitter votre plateforme
Indiquez-moi comment mettre fin à notre contrat, nous avons trouvé moins cher ailleurs
Notre renouvellement est en mars et pour l'instant c'est non
Si le prix augmente encore, on s'en va
Nous avons signé avec un autre prestataire et migrerons le mois prochain
Je suis à deux doigts de tout annuler
Considérez ceci comme un préavis : nous ne renouvellerons pas
À cause de ces bugs nous cherchons un remplaçant à votre outil
""")
add("churn","fr",0,"""
Nous n'avons pas l'intention de partir, il nous faut juste une copie de facture
Nous renouvelons pour deux ans, envoyez le contrat
Puis-je annuler l'inscription au webinaire de ma collègue ?
Merci de retirer un utilisateur inactif de notre offre
Je voudrais passer de la facturation mensuelle à annuelle
Nous ne résilions pas, je demande juste le préavis pour nos dossiers
""")
add("churn","es",1,"""
Sinceramente estamos a punto de abandonar su plataforma
Díganme cómo terminar el contrato, encontramos un proveedor más barato
La renovación es en marzo y ahora mismo la respuesta es no
Si el precio vuelve a subir nos vamos
Firmamos con otro proveedor y migramos el mes que viene
Estoy a nada de cancelarlo todo
Tomen esto como aviso de que no renovaremos
Por estos fallos estamos buscando un sustituto para su herramienta
""")
add("churn","es",0,"""
No tenemos intención de irnos, solo necesitamos una copia de la factura
Renovamos por dos años más, envíen el contrato
¿Puedo cancelar la inscripción al webinar de mi compañera?
Por favor quiten un usuario inactivo de nuestro plan
Quiero pasar de facturación mensual a anual
No vamos a dar de baja nada, solo pregunto el plazo de preaviso
""")
add("churn","pt",1,"""
Sinceramente estamos prestes a abandonar a plataforma de vocês
Me digam como encerrar o contrato, achamos um fornecedor mais barato
A renovação é em março e por enquanto a resposta é não
Se o preço subir de novo nós vamos embora
Assinamos com outro fornecedor e vamos migrar no mês que vem
Estou quase cancelando tudo
Considerem isto um aviso de que não vamos renovar
Por causa desses bugs estamos procurando um substituto para a ferramenta
""")
add("churn","pt",0,"""
Não temos intenção de sair, só precisamos de uma cópia da fatura
Vamos renovar por mais dois anos, mandem o contrato
Posso cancelar a inscrição no webinar da minha colega?
Por favor removam um usuário inativo do nosso plano
Quero mudar a cobrança de mensal para anual
Não vamos cancelar, só estou perguntando o prazo de aviso prévio
""")

add("distress","en",1,"""
I have never been treated this badly by a company, I am livid
Please, I really need someone to help me today or I lose my job
How many more days do I have to wait?! This is outrageous
Your so-called support has ignored me for two weeks, I'm beyond angry
I'm in tears, the wedding orders are gone and the event is tomorrow
Absolutely pathetic service, nobody takes responsibility
I'm sick and tired of repeating myself to every agent
This mess is costing us thousands every day and you don't care
I am extremely upset and disappointed
HELP!!! Nothing works and my clients are screaming at me
""")
add("distress","en",0,"""
Not urgent at all, it can wait until next week
You have been super helpful, thank you
Just a friendly reminder about my earlier question
I'm not upset, I only want to understand the billing change
Small cosmetic issue in the footer, low priority
Love the new dashboard, one question about filters
""")
add("distress","de",1,"""
So schlecht bin ich noch nie von einer Firma behandelt worden, ich bin außer mir
Bitte, ich brauche heute dringend Hilfe, sonst verliere ich meinen Job
Wie viele Tage soll ich noch warten?! Das ist eine Unverschämtheit
Ihr sogenannter Support ignoriert mich seit zwei Wochen, ich bin mehr als sauer
Ich bin den Tränen nahe, die Bestellungen sind weg und die Veranstaltung ist morgen
Absolut erbärmlicher Service, niemand übernimmt Verantwortung
Ich habe es satt, mich bei jedem Mitarbeiter zu wiederholen
Dieses Chaos kostet uns täglich Tausende und es ist Ihnen egal
""")
add("distress","de",0,"""
Überhaupt nicht dringend, das kann bis nächste Woche warten
Sie waren sehr hilfsbereit, danke
Nur eine freundliche Erinnerung an meine Frage
Ich bin nicht sauer, ich möchte nur die Abrechnung verstehen
Kleiner Schönheitsfehler in der Fußzeile, niedrige Priorität
""")
add("distress","fr",1,"""
Je n'ai jamais été aussi mal traité par une entreprise, je suis hors de moi
S'il vous plaît, j'ai besoin d'aide aujourd'hui sinon je perds mon emploi
Combien de jours encore dois-je attendre ?! C'est scandaleux
Votre soi-disant support m'ignore depuis deux semaines, je suis excédé
Je suis en larmes, les commandes ont disparu et l'événement est demain
Service absolument lamentable, personne ne prend ses responsabilités
J'en ai marre de me répéter à chaque conseiller
Ce chaos nous coûte des milliers d'euros par jour et vous vous en moquez
""")
add("distress","fr",0,"""
Pas urgent du tout, ça peut attendre la semaine prochaine
Vous avez été très serviables, merci
Petit rappel amical concernant ma question
Je ne suis pas mécontent, je veux juste comprendre la facturation
Petit défaut d'affichage dans le pied de page, priorité basse
""")
add("distress","es",1,"""
Nunca una empresa me había tratado tan mal, estoy indignado
Por favor, necesito ayuda hoy o pierdo mi trabajo
¿Cuántos días más tengo que esperar?! Es indignante
Su supuesto soporte me ignora desde hace dos semanas, estoy más que enfadado
Estoy llorando, los pedidos desaparecieron y el evento es mañana
Servicio absolutamente lamentable, nadie se hace responsable
Estoy hasta las narices de repetirme con cada agente
Este desastre nos cuesta miles cada día y a ustedes les da igual
""")
add("distress","es",0,"""
Nada urgente, puede esperar a la semana que viene
Han sido muy atentos, gracias
Solo un recordatorio amable de mi pregunta
No estoy molesto, solo quiero entender la facturación
Pequeño detalle visual en el pie de página, prioridad baja
""")
add("distress","pt",1,"""
Nunca fui tão mal tratado por uma empresa, estou revoltado
Por favor, preciso de ajuda hoje senão perco meu emprego
Quantos dias mais vou ter que esperar?! Isso é um absurdo
O suposto suporte de vocês me ignora há duas semanas, estou muito bravo
Estou chorando, os pedidos sumiram e o evento é amanhã
Atendimento absolutamente lamentável, ninguém assume a responsabilidade
Estou de saco cheio de repetir tudo para cada atendente
Essa bagunça nos custa milhares por dia e vocês não ligam
""")
add("distress","pt",0,"""
Nada urgente, pode esperar até a semana que vem
Vocês foram muito atenciosos, obrigado
Só um lembrete gentil da minha pergunta
Não estou bravo, só quero entender a cobrança
Pequeno detalhe visual no rodapé, prioridade baixa
""")

add("all","de",0,"""
Wie ändere ich das Logo in den E-Mail-Vorlagen?
Bitte senden Sie uns die Rechnung als PDF an buchhaltung@example.de
Können wir einen zweiten Arbeitsbereich für die Niederlassung anlegen?
Der CSV-Import überspringt Zeilen mit Umlauten
Wie lege ich eine Abwesenheitsnotiz für einen Kollegen an?
Gibt es eine Integration mit Microsoft Teams?
Unsere Adresse hat sich geändert, bitte aktualisieren
Wie viele Benutzer erlaubt der Basistarif?
""")
add("all","fr",0,"""
Comment changer le logo des modèles d'e-mail ?
Merci d'envoyer la facture en PDF à compta@example.fr
Pouvons-nous créer un deuxième espace de travail pour la filiale ?
L'import CSV ignore les lignes avec des accents
Comment configurer un message d'absence pour un collègue ?
Existe-t-il une intégration avec Microsoft Teams ?
Notre adresse a changé, merci de la mettre à jour
Combien d'utilisateurs permet l'offre de base ?
""")
add("all","es",0,"""
¿Cómo cambio el logotipo de las plantillas de correo?
Envíen la factura en PDF a contabilidad@example.es por favor
¿Podemos crear un segundo espacio de trabajo para la sucursal?
La importación CSV se salta las filas con tildes
¿Cómo configuro una respuesta de ausencia para un compañero?
¿Hay integración con Microsoft Teams?
Cambiamos de dirección, por favor actualícenla
¿Cuántos usuarios permite el plan básico?
""")
add("all","pt",0,"""
Como troco o logotipo dos modelos de e-mail?
Mandem a fatura em PDF para financeiro@example.com.br por favor
Podemos criar um segundo espaço de trabalho para a filial?
A importação CSV pula as linhas com acento
Como configuro uma resposta automática de ausência para um colega?
Tem integração com o Microsoft Teams?
Mudamos de endereço, por favor atualizem
Quantos usuários o plano básico permite?
""")

out = {}
for sig, lang, label, text in H:
    out.setdefault("ordinary" if sig == "all" else sig, []).append(f"{sig}\t{lang}\t{label}\t{text}")
for name, lines in out.items():
    with open(f"{name}.tsv", "w", encoding="utf-8") as f:
        f.write("# signal\tlang\tlabel\ttext  (held out: never train or tune on these)\n")
        f.write("\n".join(lines) + "\n")
    print(name, len(lines))
