# Starter training cores, part B: outage, churn, distress, and ordinary tickets.
# Written by the project (see README.md).
from cores_a import add, CORES

add("outage", "en", 1, """
Your site is down, none of us can log in
The whole platform has been unavailable for the last hour
We are getting 503 errors on every page since this morning
The app is not loading at all for anyone in our office
Is there an outage? The dashboard times out for all our users
Service unavailable everywhere, our agents cannot work
The API is returning 500 errors for every request
Nothing works, the website won't load on any browser
Your servers seem to be down, we cannot reach the login page
Complete outage on our side, nobody in the company can access the system
The checkout has been down for two hours and customers cannot pay
Everything is timing out since the last deployment, the service is unusable
Our whole team gets a blank page, the service appears to be offline
Connection refused on all endpoints since 9am
The mobile app and the web app are both down right now
""")
add("outage", "en", 0, """
Is the outage from last week's status page resolved?
Can you send us the post-mortem of the incident last month?
Where can I subscribe to status page notifications?
What is your uptime SLA for the enterprise plan?
No outage here, just a question about exporting reports
The export to PDF cuts off the last column
How do I change the time zone of my reports?
Will the planned maintenance on Sunday cause downtime?
One report shows the wrong totals, everything else works fine
The page was slow yesterday but it works now, thanks
""")
add("outage", "de", 1, """
Ihre Seite ist down, niemand von uns kann sich anmelden
Die ganze Plattform ist seit einer Stunde nicht erreichbar
Wir bekommen seit heute Morgen auf jeder Seite Fehler 503
Die App lädt bei keinem in unserem Büro
Gibt es eine Störung? Das Dashboard lädt bei allen Nutzern nicht
Der Dienst ist komplett ausgefallen, unsere Mitarbeiter können nicht arbeiten
Die API liefert bei jeder Anfrage einen Serverfehler 500
Nichts funktioniert mehr, die Webseite lädt in keinem Browser
Ihre Server sind anscheinend ausgefallen
Totalausfall, im ganzen Unternehmen hat niemand Zugriff auf das System
Seit zwei Stunden geht der Checkout nicht, Kunden können nicht bezahlen
Alles läuft in einen Timeout, der Dienst ist unbenutzbar
""")
add("outage", "de", 0, """
Ist die Störung von letzter Woche auf der Statusseite behoben?
Können Sie uns den Bericht zum Ausfall vom letzten Monat schicken?
Wie abonniere ich Benachrichtigungen der Statusseite?
Welche Verfügbarkeit garantieren Sie im Enterprise-Tarif?
Keine Störung bei uns, nur eine Frage zum Export
Wird die geplante Wartung am Sonntag zu einer Ausfallzeit führen?
Ein Bericht zeigt falsche Summen, sonst funktioniert alles
Gestern war die Seite langsam, jetzt geht es wieder, danke
""")
add("outage", "fr", 1, """
Votre site est en panne, personne ne peut se connecter
Toute la plateforme est indisponible depuis une heure
Nous avons des erreurs 503 sur toutes les pages depuis ce matin
L'application ne se charge plus du tout au bureau
Y a-t-il une panne ? Le tableau de bord ne répond plus pour tous les utilisateurs
Le service est complètement hors service, nos agents ne peuvent pas travailler
L'API renvoie une erreur 500 à chaque requête
Plus rien ne fonctionne, le site ne s'affiche dans aucun navigateur
Vos serveurs semblent tomber, la page de connexion est inaccessible
Panne totale, personne dans l'entreprise n'a accès au système
Le paiement est bloqué depuis deux heures, les clients ne peuvent pas payer
""")
add("outage", "fr", 0, """
La panne de la semaine dernière sur la page de statut est-elle résolue ?
Pouvez-vous nous envoyer le rapport d'incident du mois dernier ?
Comment s'abonner aux notifications de la page de statut ?
Quel est votre engagement de disponibilité pour l'offre entreprise ?
Pas de panne chez nous, juste une question sur l'export
La maintenance prévue dimanche va-t-elle couper le service ?
Un rapport affiche de mauvais totaux, le reste fonctionne bien
Le site était lent hier mais ça marche maintenant, merci
""")
add("outage", "es", 1, """
Su página está caída, nadie puede iniciar sesión
Toda la plataforma lleva una hora sin servicio
Desde esta mañana recibimos errores 503 en todas las páginas
La aplicación no carga para nadie en la oficina
¿Hay una caída? El panel no responde para ningún usuario
El servicio está totalmente caído, nuestros agentes no pueden trabajar
La API devuelve error 500 en cada petición
Nada funciona, la web no abre en ningún navegador
Sus servidores parecen caídos, no llegamos a la pantalla de acceso
Caída total, nadie en la empresa tiene acceso al sistema
El pago lleva dos horas sin funcionar y los clientes no pueden pagar
""")
add("outage", "es", 0, """
¿Ya está resuelta la incidencia de la semana pasada de la página de estado?
¿Nos pueden enviar el informe de la caída del mes pasado?
¿Cómo me suscribo a los avisos de la página de estado?
¿Qué disponibilidad garantizan en el plan empresa?
No hay ninguna caída, solo una pregunta sobre exportar informes
¿El mantenimiento del domingo provocará cortes?
Un informe muestra totales incorrectos, lo demás funciona bien
Ayer la web iba lenta pero ahora funciona, gracias
""")
add("outage", "pt", 1, """
O site de vocês está fora do ar, ninguém consegue entrar
A plataforma inteira está indisponível há uma hora
Desde cedo recebemos erro 503 em todas as páginas
O aplicativo não carrega para ninguém no escritório
Está havendo uma queda? O painel não abre para nenhum usuário
O sistema caiu completamente, nossos atendentes não conseguem trabalhar
A API retorna erro 500 em todas as requisições
Nada funciona, o site não abre em nenhum navegador
Os servidores parecem ter caído, não chegamos na tela de login
Queda total, ninguém na empresa tem acesso ao sistema
O pagamento está parado há duas horas, os clientes não conseguem pagar
""")
add("outage", "pt", 0, """
A instabilidade da semana passada na página de status já foi resolvida?
Podem mandar o relatório da queda do mês passado?
Como assino os avisos da página de status?
Qual a disponibilidade garantida no plano empresarial?
Não tem queda nenhuma, só uma dúvida sobre exportar relatórios
A manutenção de domingo vai deixar o sistema fora do ar?
Um relatório mostra totais errados, o resto funciona normalmente
Ontem o site estava lento mas agora funciona, obrigado
""")

add("churn", "en", 1, """
If this keeps happening we will cancel our subscription
We are seriously considering switching to a competitor
Please cancel our contract at the end of the month, we are moving to another provider
We will not renew next year unless this is fixed
I want to close my account and get my data exported, we are leaving
Your competitor offered us a better price and we are thinking of leaving
This is the last straw, we are terminating our plan
We have already started evaluating alternatives to your product
Our management decided to stop using your service
Give me one reason not to cancel today
We are done with your service, please process the cancellation
We will move all our teams to another tool next quarter
""")
add("churn", "en", 0, """
We are not planning to cancel, we just want to add two seats
How do I cancel a single order that was placed by mistake?
Please cancel the meeting invite for Tuesday, we will reschedule
Can we upgrade to the annual plan and renew early?
We switched the billing email to finance, please update your records
I want to cancel the duplicate invoice, the other one is paid
How do I close a ticket in the app?
We love the product and want to expand to the sales team
Can I downgrade one user to the free tier?
Our contract renews next month, please send the new quote
""")
add("churn", "de", 1, """
Wenn das so weitergeht, kündigen wir unser Abonnement
Wir überlegen ernsthaft, zu einem Wettbewerber zu wechseln
Bitte kündigen Sie unseren Vertrag zum Monatsende, wir wechseln den Anbieter
Wir werden nicht verlängern, wenn das nicht behoben wird
Ich möchte mein Konto schließen, wir verlassen Sie
Die Konkurrenz bietet uns einen besseren Preis, wir denken ans Wechseln
Jetzt reicht es, wir kündigen
Wir prüfen bereits Alternativen zu Ihrem Produkt
Die Geschäftsführung hat entschieden, Ihren Dienst nicht mehr zu nutzen
Wir ziehen nächstes Quartal alle Teams zu einem anderen Anbieter um
""")
add("churn", "de", 0, """
Wir haben nicht vor zu kündigen, wir möchten nur zwei Lizenzen mehr
Wie storniere ich eine versehentlich aufgegebene Bestellung?
Bitte sagen Sie den Termin am Dienstag ab, wir melden uns
Können wir auf den Jahresplan wechseln und früher verlängern?
Ich möchte die doppelte Rechnung stornieren, die andere ist bezahlt
Wie schließe ich ein Ticket in der App?
Wir sind sehr zufrieden und möchten das Vertriebsteam dazunehmen
Unser Vertrag verlängert sich nächsten Monat, bitte schicken Sie ein Angebot
""")
add("churn", "fr", 1, """
Si cela continue nous allons résilier notre abonnement
Nous envisageons sérieusement de passer chez un concurrent
Merci de résilier notre contrat à la fin du mois, nous changeons de fournisseur
Nous ne renouvellerons pas l'an prochain si ce n'est pas corrigé
Je veux fermer mon compte, nous partons
Un concurrent nous propose un meilleur prix, nous pensons partir
C'est la goutte d'eau, nous mettons fin à notre abonnement
Nous étudions déjà des alternatives à votre produit
Notre direction a décidé d'arrêter d'utiliser votre service
Nous allons migrer toutes nos équipes vers un autre outil
""")
add("churn", "fr", 0, """
Nous ne comptons pas résilier, nous voulons juste ajouter deux licences
Comment annuler une commande passée par erreur ?
Merci d'annuler la réunion de mardi, nous reviendrons vers vous
Pouvons-nous passer au plan annuel et renouveler en avance ?
Je veux annuler la facture en double, l'autre est payée
Comment fermer un ticket dans l'application ?
Nous adorons le produit et voulons l'étendre à l'équipe commerciale
Notre contrat se renouvelle le mois prochain, envoyez-nous le devis
""")
add("churn", "es", 1, """
Si esto sigue así vamos a cancelar la suscripción
Estamos pensando seriamente en cambiarnos a la competencia
Por favor den de baja nuestro contrato a fin de mes, nos vamos a otro proveedor
No vamos a renovar el año que viene si no lo arreglan
Quiero cerrar mi cuenta, nos vamos
Un competidor nos ofrece mejor precio y estamos pensando en irnos
Esta es la gota que colma el vaso, damos de baja el plan
Ya estamos evaluando alternativas a su producto
La dirección decidió dejar de usar su servicio
Vamos a migrar todos los equipos a otra herramienta
""")
add("churn", "es", 0, """
No pensamos cancelar, solo queremos añadir dos licencias
¿Cómo cancelo un pedido que hice por error?
Por favor cancelen la reunión del martes, la reprogramamos
¿Podemos pasar al plan anual y renovar antes?
Quiero anular la factura duplicada, la otra ya está pagada
¿Cómo cierro un ticket en la aplicación?
Nos encanta el producto y queremos ampliarlo al equipo de ventas
Nuestro contrato se renueva el mes que viene, envíennos el presupuesto
""")
add("churn", "pt", 1, """
Se isso continuar vamos cancelar a assinatura
Estamos pensando seriamente em mudar para um concorrente
Por favor cancelem nosso contrato no fim do mês, vamos trocar de fornecedor
Não vamos renovar no ano que vem se isso não for corrigido
Quero encerrar minha conta, estamos saindo
Um concorrente ofereceu um preço melhor e estamos pensando em sair
Foi a gota d'água, vamos cancelar o plano
Já estamos avaliando alternativas ao produto de vocês
A diretoria decidiu parar de usar o serviço de vocês
Vamos migrar todas as equipes para outra ferramenta
""")
add("churn", "pt", 0, """
Não pretendemos cancelar, só queremos adicionar duas licenças
Como cancelo um pedido feito por engano?
Por favor cancelem a reunião de terça, vamos remarcar
Podemos mudar para o plano anual e renovar antes?
Quero cancelar a fatura duplicada, a outra já está paga
Como fecho um chamado no aplicativo?
Adoramos o produto e queremos levar para a equipe de vendas
Nosso contrato renova no mês que vem, mandem o orçamento
""")

add("distress", "en", 1, """
This is absolutely unacceptable, I am furious with your service
I am desperate, my business is losing money every hour this is broken
Third time I write and nobody answers, I am extremely angry
You people are useless, worst support I have ever dealt with
Please help me, I am begging you, my whole shop is at a standstill
I'm so frustrated I could scream, nothing you promised works
This is a disgrace, I have been waiting for a week with no reply
I am at my wits' end, please someone call me
We are losing customers because of you and nobody cares
I have had enough of your excuses, this is ridiculous
I'm panicking, the payroll has to go out today and I can't do anything
Shame on you for treating paying customers like this
""")
add("distress", "en", 0, """
This is not urgent, whenever you have time
Thanks a lot, the team was very helpful yesterday
No rush at all, just curious about the roadmap
I'm happy with the fix, you can close the ticket
Could you help me understand the new invoice layout?
I'm not angry, just want to understand the extra charge
Quick question about the API rate limits
Great job on the new release, a small suggestion attached
""")
add("distress", "de", 1, """
Das ist absolut inakzeptabel, ich bin stinksauer
Ich bin verzweifelt, mein Geschäft verliert jede Stunde Geld
Ich schreibe zum dritten Mal und niemand antwortet, ich bin extrem verärgert
Ihr Support ist eine Katastrophe, der schlechteste, den ich je erlebt habe
Bitte helfen Sie mir, ich flehe Sie an, mein Laden steht still
Ich bin so frustriert, nichts von dem, was Sie versprochen haben, funktioniert
Eine Frechheit, seit einer Woche warte ich auf eine Antwort
Ich bin am Ende mit meinen Nerven, bitte ruft mich jemand an
Wir verlieren Kunden wegen Ihnen und es interessiert niemanden
Ich habe genug von Ihren Ausreden, das ist lächerlich
""")
add("distress", "de", 0, """
Das ist nicht dringend, wann immer Sie Zeit haben
Vielen Dank, das Team war gestern sehr hilfreich
Keine Eile, ich bin nur neugierig auf die Roadmap
Ich bin zufrieden mit der Lösung, Sie können das Ticket schließen
Ich bin nicht verärgert, ich möchte nur die Zusatzgebühr verstehen
Kurze Frage zu den API-Limits
""")
add("distress", "fr", 1, """
C'est absolument inadmissible, je suis furieux
Je suis désespéré, mon entreprise perd de l'argent chaque heure
Troisième message sans réponse, je suis extrêmement en colère
Votre support est nul, le pire que j'aie jamais connu
Aidez-moi s'il vous plaît, je vous en supplie, ma boutique est à l'arrêt
Je suis tellement frustré, rien de ce que vous avez promis ne marche
C'est honteux, j'attends une réponse depuis une semaine
Je suis à bout, que quelqu'un m'appelle
Nous perdons des clients à cause de vous et tout le monde s'en fiche
J'en ai assez de vos excuses, c'est ridicule
""")
add("distress", "fr", 0, """
Ce n'est pas urgent, quand vous aurez le temps
Merci beaucoup, l'équipe a été très utile hier
Rien ne presse, simple curiosité sur la feuille de route
Je suis satisfait de la correction, vous pouvez fermer le ticket
Je ne suis pas fâché, je veux juste comprendre les frais supplémentaires
Petite question sur les limites de l'API
""")
add("distress", "es", 1, """
Esto es totalmente inaceptable, estoy furioso
Estoy desesperado, mi negocio pierde dinero cada hora
Es la tercera vez que escribo y nadie responde, estoy muy enfadado
Su soporte es pésimo, el peor que he visto
Ayúdenme por favor, se lo suplico, mi tienda está parada
Estoy harto, nada de lo que prometieron funciona
Es una vergüenza, llevo una semana esperando respuesta
Estoy al límite, que alguien me llame por favor
Estamos perdiendo clientes por su culpa y a nadie le importa
Ya estoy cansado de sus excusas, esto es ridículo
""")
add("distress", "es", 0, """
No es urgente, cuando tengan tiempo
Muchas gracias, el equipo fue muy amable ayer
Sin prisa, solo tengo curiosidad por la hoja de ruta
Estoy contento con la solución, pueden cerrar el ticket
No estoy enfadado, solo quiero entender el cargo extra
Una pregunta rápida sobre los límites de la API
""")
add("distress", "pt", 1, """
Isso é totalmente inaceitável, estou furioso
Estou desesperado, minha empresa perde dinheiro a cada hora
É a terceira vez que escrevo e ninguém responde, estou muito irritado
O suporte de vocês é péssimo, o pior que já vi
Me ajudem pelo amor de Deus, minha loja está parada
Estou cansado, nada do que prometeram funciona
É uma vergonha, estou esperando resposta há uma semana
Estou no limite, alguém me ligue por favor
Estamos perdendo clientes por culpa de vocês e ninguém se importa
Chega de desculpas, isso é ridículo
""")
add("distress", "pt", 0, """
Não é urgente, quando puderem
Muito obrigado, a equipe foi muito prestativa ontem
Sem pressa, só curiosidade sobre o roadmap
Estou satisfeito com a correção, podem fechar o chamado
Não estou bravo, só quero entender a cobrança extra
Uma dúvida rápida sobre os limites da API
""")

add("all", "en", 0, """
How do I export my contacts to a CSV file?
Please update the VAT number on our invoices
Can I change the language of the interface to German?
The search does not find tickets older than a year
I would like to add three new users to our account
Where do I find the API documentation for webhooks?
Our invoice for March shows the wrong company address
How can I merge two duplicate customer records?
""")
add("all", "de", 0, """
Wie exportiere ich meine Kontakte als CSV-Datei?
Bitte ändern Sie die Umsatzsteuer-ID auf unseren Rechnungen
Kann ich die Sprache der Oberfläche auf Englisch stellen?
Ich möchte drei neue Benutzer zu unserem Konto hinzufügen
Wo finde ich die API-Dokumentation für Webhooks?
Die Suche findet keine Tickets, die älter als ein Jahr sind
Wie kann ich zwei doppelte Kundendatensätze zusammenführen?
Auf der Rechnung für März steht die falsche Adresse
""")
add("all", "fr", 0, """
Comment exporter mes contacts en fichier CSV ?
Merci de corriger le numéro de TVA sur nos factures
Puis-je passer l'interface en anglais ?
Je voudrais ajouter trois utilisateurs à notre compte
Où se trouve la documentation de l'API pour les webhooks ?
La recherche ne trouve pas les tickets de plus d'un an
Comment fusionner deux fiches client en double ?
La facture de mars indique une mauvaise adresse
""")
add("all", "es", 0, """
¿Cómo exporto mis contactos a un archivo CSV?
Por favor corrijan el NIF en nuestras facturas
¿Puedo cambiar el idioma de la interfaz a inglés?
Quiero añadir tres usuarios nuevos a nuestra cuenta
¿Dónde está la documentación de la API para webhooks?
La búsqueda no encuentra tickets de hace más de un año
¿Cómo combino dos fichas de cliente duplicadas?
La factura de marzo tiene la dirección equivocada
""")
add("all", "pt", 0, """
Como exporto meus contatos para um arquivo CSV?
Por favor corrijam o CNPJ nas nossas notas fiscais
Posso mudar o idioma da interface para inglês?
Quero adicionar três usuários novos na nossa conta
Onde fica a documentação da API para webhooks?
A busca não encontra chamados com mais de um ano
Como junto dois cadastros de cliente duplicados?
A fatura de março está com o endereço errado
""")
