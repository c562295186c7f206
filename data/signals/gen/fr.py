# French training phrasings, written by the project (see ../README.md). Same layout as en.py.
P, N, T = {}, {}, {}
P["security"] = """
Quelqu'un s'est connecté à notre compte depuis la Russie et a créé des clés API
On s'est fait pirater, tous les mots de passe ont été changés cette nuit
Il y a des connexions depuis le Brésil sur le compte propriétaire, personne de chez nous
notre liste de clients est apparue sur un forum de hackers
Je pense que mes identifiants ont été volés, je reçois des mails de réinitialisation que je n'ai pas demandés
Un attaquant a pris le contrôle de trois comptes d'agents
Nous avons reçu une fausse facture avec un lien vers une fausse page de connexion, deux collègues ont saisi leur mot de passe
Les données personnelles de nos clients sont aspirées via votre API sans authentification
URGENT : suspicion de fuite de données, nos clients reçoivent des mails citant leurs tickets
La clé secrète du webhook a fuité sur GitHub et quelqu'un envoie de fausses commandes
Un rançongiciel a chiffré notre serveur, merci de révoquer les jetons du connecteur
Je vois les clients d'une autre entreprise dans mes résultats de recherche, grave fuite de données
Un ancien prestataire se connecte encore et télécharge des rapports
Quelqu'un a désactivé la double authentification de l'admin et ajouté un nouvel administrateur
Les liens des pièces jointes sont devinables, j'ai pu ouvrir les fichiers d'autres sociétés
Nos coordonnées bancaires ont été modifiées par un inconnu, le virement est parti ailleurs
Notre SSO a été contourné, des personnes sans compte sont entrées dans l'espace
Nous avons subi un incident de sécurité, il nous faut les journaux d'audit des 30 derniers jours
Le compte a été compromis et a envoyé du spam à 20 000 contacts
Une IP inconnue a téléchargé toute notre base de contacts à 3 h du matin
Bloquez le compte immédiatement, quelqu'un est dedans et supprime des données
Des dossiers de patients ont été envoyés à la mauvaise adresse par votre automatisation
J'ai été déconnecté et quelqu'un d'autre utilise mon compte en ce moment
Le portail m'a affiché la pièce d'identité d'un inconnu
Nous avons trouvé un utilisateur avec tous les droits que personne n'a créé
Le mail de réinitialisation part vers une adresse qui n'est pas la nôtre
Incident RGPD : les données de 4 000 clients étaient publiques via un lien de partage
Un logiciel malveillant est arrivé par un fichier joint à un ticket
Quelqu'un s'est fait passer pour votre support au téléphone et a obtenu le code 2FA
Hameçonnage : un mail soi-disant de votre équipe sécurité demande le mot de passe
Un ordinateur portable avec l'appli connectée a été volé, coupez toutes les sessions svp
On a reçu une demande de rançon, ils disent avoir une copie de notre base de tickets
Attaque par force brute sur la connexion, des milliers d'essais et un succès
accès non autorisé au panneau d'administration !! vérifiez tout de suite
Nos clés API sont utilisées depuis un centre de données inconnu
"""
N["security"] = """
J'ai changé mon mot de passe par sécurité, comment modifier l'adresse de récupération ?
Comment activer la double authentification pour tous les agents ?
Pouvez-vous nous envoyer le dernier rapport de test d'intrusion pour notre audit fournisseur ?
Notre DPO demande où sont hébergées les données
Il n'y a pas eu de fuite, je me suis juste bloqué après trop de tentatives
La connexion suspecte du mois dernier, c'était notre propre VPN, tout va bien
Merci d'ajouter notre nouveau responsable sécurité comme administrateur
Quelle est votre politique de mots de passe ?
Le journal d'audit montre-t-il qui a exporté les rapports ?
J'ai oublié mon mot de passe et le lien a expiré
Nous avons besoin d'un contrat de sous-traitance signé avant la mise en production
Comment renouveler la clé du webhook ? C'est de la routine, rien ne s'est passé
On n'a pas été piratés, on ne trouve juste pas le réglage
Où trouver la liste de vos sous-traitants ?
Peut-on imposer le SSO ?
L'alerte de nouvelle connexion, c'était moi avec mon nouveau téléphone
Le questionnaire de sécurité est rempli, voir pièce jointe
Combien de temps gardez-vous les tickets supprimés ?
Peut-on limiter les connexions à l'IP du bureau ?
L'incident signalé en mars est résolu, vous pouvez fermer le ticket
Avez-vous un programme de bug bounty ?
Quels appareils sont connectés à mon compte ?
"""
T["security"] = """
appelez-moi s'il vous plaît
quelles données sont touchées ?
nous devons le déclarer sous 72 heures
c'est extrêmement urgent
"""
P["legal"] = """
On va porter l'affaire devant les tribunaux
Si les données ne sont pas restaurées vendredi, notre avocat réclamera des dommages et intérêts
J'ai transmis le dossier à mon avocat
Ceci est une mise en demeure pour rupture de contrat, nous nous réservons tout recours
Nous allons vous poursuivre en justice pour le chiffre d'affaires perdu
Je dépose une plainte auprès de la CNIL
Vous allez recevoir un courrier de notre service juridique
Si je ne suis pas remboursé, je saisis le tribunal
Notre cabinet prépare une action en justice pour non-respect du SLA
Je vais vous signaler à la DGCCRF et aux associations de consommateurs
Dernier avertissement avant une procédure judiciaire
Retenir mon remboursement est illégal, je vais faire valoir mes droits devant la justice
C'est contraire au RGPD et j'ai déjà saisi l'autorité de contrôle
on se verra au tribunal, c'est de l'escroquerie
Mon avocat dit que vous êtes responsables du préjudice
Nous demanderons réparation devant les tribunaux
Sans réponse sous 10 jours, nous engagerons une procédure
Vos conditions sont abusives et nous allons les contester devant un juge
Notre juriste vous contactera au sujet de la violation du contrat
Je vais porter plainte pour escroquerie
Cessez immédiatement d'écrire à nos clients, faute de quoi nous agirons en justice
Nous nous réservons le droit d'engager des poursuites
Dès aujourd'hui le dossier est entre les mains de nos avocats
Je vais saisir le médiateur puis la justice
Nous vous tiendrons juridiquement responsables de chaque commande perdue
Nous avons pris un avocat
"""
N["legal"] = """
Notre avocat a besoin d'une copie de la facture
Où trouver vos CGV et votre politique de confidentialité ?
Pouvez-vous envoyer le contrat signé à notre service juridique ?
Notre service juridique relit l'accord de traitement des données
Nous sommes un cabinet d'avocats et voulons gérer l'accueil des clients par tickets
Comment ajouter des mentions légales aux mails sortants ?
Nous n'avons aucune intention d'engager une procédure, on veut juste une solution
Merci de mettre à jour la raison sociale sur les factures
Quel droit s'applique au contrat ?
Notre avocate souhaite participer à la réunion de lancement
Un client nous a fait une demande d'accès RGPD, comment exporter ses données ?
Peut-on signer le contrat électroniquement ?
Je ne menace de rien, je demande juste un avoir
Combien de temps faut-il conserver les données pour des raisons légales ?
Un de nos clients a menacé de nous poursuivre, comment marquer ces tickets ?
Le litige de l'an dernier est réglé, archivez les anciens tickets svp
J'ai une question sur la clause de responsabilité avant de signer
Votre SLA prévoit-il des pénalités en cas d'indisponibilité ?
Le champ 'tribunal compétent' n'apparaît pas dans le formulaire
"""
T["legal"] = """
c'est votre dernière chance
tous les incidents sont documentés
délai : 8 jours
"""
P["outage"] = """
toutes nos requêtes renvoient une 502 depuis 9 h
L'application est en panne pour toute l'entreprise
Votre API est en timeout depuis une heure, rien ne passe
Le site ne charge plus du tout, page blanche
Personne dans l'équipe ne peut se connecter, il y a une panne ?
Chaque page affiche 'service indisponible'
Production à l'arrêt : plus aucun webhook depuis 7 h 40
Panne totale, l'appli et le site ne marchent plus
Impossible de joindre vos serveurs depuis ce matin
La page de statut est verte mais le portail ne charge chez personne
Plus aucun mail n'est envoyé depuis hier soir
Erreur 500 sur chaque appel de notre intégration
Toute la plateforme a planté en pleine heure de pointe
Le centre d'aide est hors ligne, les clients ne peuvent pas ouvrir de tickets
La synchronisation est complètement bloquée depuis 3 heures
le service est tombé ? aucun de nos 60 agents ne peut travailler
Le widget de chat ne s'affiche plus sur notre site
Votre région Europe semble hors service
Depuis la maintenance plus rien ne fonctionne
Que des erreurs 503 depuis 14 h 05
Les serveurs ne répondent plus, les requêtes restent bloquées
Notre boutique est hors ligne parce que votre API de paiement ne répond pas
Tout est cassé depuis la mise à jour de ce matin
La boîte de réception ne charge pas, ça tourne dans le vide sur tous les navigateurs
Votre service est encore inaccessible, troisième fois cette semaine
La panne continue chez nous
L'envoi de fichiers échoue pour tous les utilisateurs
La téléphonie est coupée, les appels ne sont plus enregistrés
Depuis 8 h la plateforme rame et finit par expirer
On reçoit un HTTP 504 à chaque appel
"""
N["outage"] = """
La panne de mardi dernier est-elle comptée dans le rapport SLA ?
Comment être prévenu des maintenances planifiées ?
L'incident d'hier est résolu chez nous, merci pour la réactivité
Avons-nous droit à un avoir pour l'interruption de la semaine dernière ?
Avez-vous une page de statut à laquelle s'abonner ?
Notre site sera en maintenance cette nuit, pouvez-vous suspendre le chat ?
Le rapport est lent quand je choisis une année entière
Y a-t-il une limite d'appels API ? Quelques 429 pendant l'import
Comment afficher un message 'hors ligne' dans le chat quand personne n'est là ?
Notre serveur sera indisponible samedi, les webhooks seront-ils renvoyés ?
L'appli n'est pas en panne, je ne trouve juste pas le bouton d'export
Quelle disponibilité garantissez-vous en offre Entreprise ?
Une image de l'article ne s'affiche pas, les autres oui
Nous avons eu une coupure internet au bureau, tout remarche
L'application bureau fonctionne-t-elle hors connexion ?
Pouvez-vous nous expliquer l'incident de lundi pour notre retour d'expérience ?
La synchro est un peu lente mais fonctionne
Pas de panne chez nous, il nous faut juste plus de licences
"""
T["outage"] = """
nos agents sont bloqués
les clients nous appellent
une estimation svp
"""
P["churn"] = """
À l'échéance nous passons chez votre concurrent
Merci de résilier notre abonnement à la fin du mois
Nous avons décidé de ne pas renouveler le contrat
Si ce n'est pas corrigé, nous changerons de fournisseur
Comment fermer mon compte et tout supprimer ? On s'en va
Nous étudions d'autres solutions et partirons sans doute au troisième trimestre
Je veux résilier le contrat, envoyez-moi le formulaire
Franchement, on arrête. Fermez le compte.
L'équipe a décidé de migrer vers Zendesk le trimestre prochain
La concurrence nous fait un meilleur prix et nous l'acceptons
Nous envisageons sérieusement de résilier
C'est la goutte d'eau, on va chercher un autre outil
Pas de reconduction tacite s'il vous plaît, nous ne continuerons pas
Encore une panne et on part
Nous ne prolongerons pas l'accord à son terme en juin
Résiliez mon offre immédiatement et remboursez le reste
Nous avons signé avec un autre prestataire, traitez notre résiliation
Avec cette hausse de prix nous ne pouvons pas rester
Je ne vais pas continuer à payer pour ça, résiliez
La direction a décidé d'abandonner votre service
Nous pensons partir vers une solution moins chère
Comment sortir de ce contrat ?
La migration vers un autre outil a déjà commencé
Quel est le préavis ? Nous voulons arrêter
Vous allez perdre un client
Nous irons voir ailleurs
Supprimez mon compte définitivement, je change de prestataire
"""
N["churn"] = """
Nous ne comptons pas résilier, c'est juste une question sur la facture
Comment annuler un ticket créé par erreur ?
Merci d'annuler la réunion de demain, on reprogramme
Comment annuler une commande dans l'intégration Shopify ?
Puis-je passer de la facturation mensuelle à annuelle ?
Nous voulons renouveler pour deux ans, pouvez-vous envoyer un devis ?
Comment supprimer un utilisateur qui a quitté l'entreprise ?
Notre client veut annuler sa commande, quelle macro utiliser ?
Nous venons de renouveler et la facture indique l'ancien prix
Comment changer la langue de l'interface ?
Nous migrons de notre ancien outil vers le vôtre, pouvez-vous aider à l'import ?
Très contents du produit, nous voulons l'étendre à l'équipe d'Espagne
Que deviennent nos données si un jour nous résilions ? Les achats demandent
Annulez la facture en double svp
Désabonnez-moi de la newsletter, je garde le produit
On ne part pas, mais réparez l'export svp
Peut-on suspendre le compte cet été au lieu de résilier ?
Le renouvellement approche, envoyez-nous le nouveau contrat
"""
T["churn"] = """
merci de confirmer par écrit
clients depuis 4 ans
dommage
"""
P["distress"] = """
Je suis à bout, c'est la troisième fois que j'écris
C'est absolument inadmissible !!! Personne ne répond
Je suis tellement frustré, j'y ai passé tout le week-end
Le pire support que j'aie jamais connu
Je suis furieux. Vous m'avez débité deux fois et ignorez mes mails
Je vous en supplie, j'ai besoin d'aide aujourd'hui sinon je perds mon plus gros client
Pourquoi personne ne répond ?? J'attends depuis 10 jours
J'en ai marre de vos excuses
C'est une honte, je suis vraiment en colère
Vous êtes en train de couler ma petite entreprise et tout le monde s'en fiche
Je suis désespéré, la paie est demain et je n'ai accès à rien
Sérieusement ?! Encore ? J'en peux plus
Combien de fois dois-je expliquer la même chose, c'est ridicule
Je me sens complètement abandonné
Bande d'incompétents
Ce bug me rend fou
Service lamentable. Vraiment lamentable.
Personne ne m'aide depuis deux semaines, je suis extrêmement contrarié
Arrêtez les réponses automatiques et passez-moi un humain !
Je n'en dors plus, ma boutique est en panne
Ma patience est à bout
Je suis profondément déçu et en colère
aidez-moi s'il vous plaît, je ne sais plus quoi faire
Votre agent m'a raccroché au nez. Scandaleux.
J'en ai ras le bol de vous courir après
C'est un cauchemar, mes clients m'engueulent
Je n'ai jamais été aussi mal traité
Vous fermez mon ticket sans rien résoudre, c'est exaspérant
"""
N["distress"] = """
Nos clients sont parfois agacés par l'attente, peut-on mettre une réponse automatique ?
Comment marquer les clients mécontents pour qu'ils soient prioritaires ?
Rien d'urgent, quand vous aurez le temps
Merci beaucoup, vous m'avez bien aidé !
Je ne suis pas en colère, juste perdu avec la facture
Le rapport de satisfaction peut-il compter les clients mécontents ?
Désolé de vous déranger encore, petite question sur l'API
Nous sommes satisfaits du produit, juste un petit souci d'export
J'étais un peu agacé la semaine dernière mais votre collègue a réglé le problème, merci
Comment créer une enquête de satisfaction ?
J'attends toujours le devis, des nouvelles ?
Je comprends que vous êtes occupés, répondez quand vous pouvez
Bravo pour la nouvelle version !
Nous voulons une formation sur la gestion des clients difficiles
Petite relance pour ma question de lundi
Pouvez-vous me rappeler demain matin ?
"""
T["distress"] = """
je veux parler à un responsable
répondez-moi enfin
"""
O = """
Comment changer le logo dans les modèles d'e-mail ?
Merci d'envoyer la facture en PDF à compta@example.fr
Pouvons-nous créer un deuxième espace pour notre agence ?
Comment ajouter un nouvel agent ?
Où change-t-on le fuseau horaire des rapports ?
Il nous faut un champ pour le numéro de commande dans le formulaire
Comment fonctionne l'attribution tournante des tickets ?
Avez-vous une remise pour les associations ?
Comment fusionner deux tickets ?
La macro de remboursement insère le mauvais champ
Merci de mettre à jour notre adresse de facturation
Puis-je exporter tous les tickets de 2023 vers Excel ?
Existe-t-il une intégration avec Slack ?
Les notifications de l'appli sont trop fréquentes, comment les réduire ?
Quelle différence entre l'offre Équipe et l'offre Business ?
Notre numéro de TVA manque sur la dernière facture
La recherche ne trouve pas les tickets par numéro de téléphone
Comment traduire le centre d'aide en anglais ?
Peut-on partager des réponses types avec toute l'équipe ?
Nous voulons une signature identique pour tous les agents
Comment définir les horaires d'ouverture du chat ?
Les clients peuvent-ils joindre des fichiers via le formulaire web ?
J'aurais besoin d'une formation pour trois nouvelles collègues
Comment rediriger notre boîte mail vers vos tickets ?
La vue 'Mes tickets ouverts' devrait être triée par priorité
Peut-on créer nos propres statuts de ticket ?
L'export CSV utilise le mauvais séparateur pour Excel
Où voir le temps de réponse moyen par agent ?
Passez notre abonnement en facturation annuelle à partir de mars svp
Comment relier le CRM aux tickets ?
Les raccourcis clavier ne marchent pas comme indiqué sur Mac
Puis-je adapter la couleur de la fenêtre de chat à notre charte ?
Combien d'agents comprend l'offre Starter ?
Mon collègue ne reçoit pas l'invitation
Peut-on ajouter des étiquettes automatiquement selon des mots-clés ?
Comment envoyer au client une copie de son ticket ?
Supprimez l'utilisateur de test test@societe.fr svp
Nous aimerions une démo de la base de connaissances
L'enquête après ticket doit partir uniquement en français
Bonjour, le lien de désinscription de nos newsletters renvoie vers une page vide
"""
# deuxième série
P["churn"] += """
On réfléchit à vous quitter, ces derniers mois ont été pénibles
Nous cherchons un nouvel outil de support
Considérez ce message comme notre préavis de 30 jours
Je ne veux plus être client
Nous résilierons dès que le contrat le permettra
Arrêtez l'abonnement, nous avons trouvé mieux
Nous partons à la fin de notre engagement
Pas de renouvellement. C'est définitif.
Nous cherchons un remplaçant à votre produit
Le contrat se termine en mai et nous le laisserons expirer
Le coût n'est plus justifiable, on arrête
Je suis à deux doigts de résilier
Si vous augmentez encore les prix, on s'en va
"""
P["distress"] += """
Je suis à bout de nerfs et personne ne m'aide
C'est le quatrième mail et toujours rien, j'en ai vraiment assez
Ça me rend dingue
Une expérience affreuse du début à la fin
Au secours !!! rien ne marche et j'ai une démo client dans une heure
Je n'en peux plus
Votre support est une plaisanterie
J'ai l'impression que personne chez vous ne se soucie de nous
Je suis tellement déçu, je vous faisais confiance
"""
P["outage"] += """
Personne dans l'équipe n'arrive à accéder à la plateforme en ce moment
Votre API renvoie des erreurs sur chaque requête
L'appli plante au démarrage pour tout le monde depuis la dernière version
Tout le système ne répond plus, il y a un problème chez vous ?
Tout part en timeout. Votre service est tombé ?
"""
N["churn"] += """
Nous sommes des clients satisfaits et voulons prolonger le contrat d'un an
Notre contrat se renouvelle le mois prochain, le prix reste-t-il le même ?
Puis-je passer à l'offre moins chère en gardant mes données ?
"""
# troisième série
P["security"] += """
Aucune idée de qui, mais le mot de passe admin a été changé à 2 h et nous sommes bloqués dehors
Un inconnu a appelé nos clients en citant des détails qui ne sont que dans votre outil
Connexion depuis le Kazakhstan sur le compte du PDG, il est assis à côté de moi
Une adresse de transfert a été ajoutée à notre boîte support sans que personne ne le fasse
Nous soupçonnons un employé d'avoir aspiré toutes les données clients VIP avant de démissionner
Reçu une facture 'de votre service comptable' avec un autre RIB, est-ce une fraude ?
"""
P["outage"] += """
Depuis 10 h nos agents ne peuvent charger aucune conversation
Allô ? L'appli affiche 'reconnexion' depuis une heure
Nous sommes complètement bloqués, tout le helpdesk est injoignable
L'API renvoie des 500 à tour de bras, notre paiement en dépend
C'est encore tombé. Tout. Pour tout le monde.
"""
P["churn"] += """
Nous discutons déjà avec d'autres fournisseurs, votre offre de renouvellement n'est pas compétitive
Merci de traiter notre résiliation, la décision est prise
Notre société a choisi une autre plateforme pour l'an prochain
Vous nous perdez à la fin du mois
Ne nous facturez plus rien à partir du mois prochain, nous résilions le service
Je résilie. Inutile d'essayer de me convaincre.
"""
P["distress"] += """
Une heure en attente au téléphone et deux fois coupé, c'est exaspérant
Personne ne répond, c'est comme crier dans le vide
Vous n'imaginez pas le stress que ça me cause
Ça dure depuis des semaines et je craque
Mais qu'est-ce qui ne va pas chez vous ??
Je suis choqué par la façon dont on m'a traité
"""
P["legal"] += """
Nous sommes prêts à aller au tribunal pour les avoirs impayés
Transmettez à votre service juridique : nous allons vous assigner
Une demande formelle de dommages et intérêts suivra la semaine prochaine
Un juge décidera si votre facturation est légale
"""
N["legal"] += """
L'avocat d'un client nous a envoyé un courrier, comment le joindre au ticket ?
Quel tribunal est mentionné dans les conditions ? Juste pour nos archives
Notre service juridique demande s'il existe un contrat type pour les revendeurs
"""
N["outage"] += """
Nous serons en maintenance dimanche, n'envoyez pas d'enquêtes ce jour-là
Le rapport d'incident sur l'interruption de la semaine dernière était très utile
"""
N["security"] += """
Nous voulons faire une simulation d'hameçonnage pour nos employés, vos mails peuvent-ils être exclus ?
Comment donner à notre auditeur externe un accès en lecture au journal d'audit ?
"""
