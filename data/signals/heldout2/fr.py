# Held-out French texts, written after and apart from the training phrasings. Never train or tune on these.
P, N = {}, {}
P["security"] = """
Ce matin il y avait 14 nouveaux utilisateurs avec des droits admin dans notre espace, personne ne les a invités.
Objet : boîte mail compromise – une règle transfère tout le courrier de notre comptable vers une adresse gmail
Un client nous a appelés car il a reçu tout son historique de commandes d'une adresse inconnue. Comment ont-ils eu ça ??
Nous pensons qu'un intrus a récupéré notre jeton API principal, des tickets sont supprimés sans que nous y touchions
Quelqu'un a commandé 30 cartes cadeaux via notre compte avec ma carte enregistrée, ce n'est pas moi
Attention : il existe une copie frauduleuse de votre page de connexion et plusieurs agents s'y sont connectés
Mon mot de passe ne marche plus et l'e-mail du compte pointe maintenant vers une adresse que je ne connais pas
Pendant la nuit toutes nos réponses types ont été remplacées par des liens vers une arnaque crypto
La base de connaissances publique affiche des notes internes avec les numéros de téléphone des clients
Notre service informatique a trouvé un jeton de votre appli dans un dump sur Pastebin
Des fiches clients de votre synchro CRM apparaissent dans un jeu de données piraté
J'ai cliqué sur un mail qui ressemblait à votre avis de renouvellement et depuis mon compte envoie des messages que je n'ai pas écrits
Un inconnu est connecté sous mon nom sur trois appareils, même après le changement de mot de passe
Des pièces jointes envoyées par des clients contiennent un cheval de Troie et votre antivirus les a laissées passer
Notre banque signale que nos identifiants pour votre module de paiement sont utilisés depuis l'Ukraine
Quelqu'un a pénétré dans notre helpdesk et a demandé aux clients de payer sur un nouvel IBAN
Un répertoire de votre CDN est ouvert et montre les fichiers de nombreux clients
Intrus dans le compte !! il exporte notre liste de clients en ce moment
Le journal d'audit montre des connexions à 4 h depuis Singapour et un export complet, personne ne travaille à cette heure
Depuis votre mise à jour, les utilisateurs en lecture seule peuvent télécharger des données de paiement
"""
N["security"] = """
Quel algorithme de chiffrement utilisez-vous pour les sauvegardes ? Notre auditeur le veut par écrit.
J'ai changé le mot de passe du compte partagé car un stagiaire est parti, comment fermer ses anciennes sessions ?
Les admins peuvent-ils voir l'historique de connexion de chaque agent ? C'est pour notre revue de sécurité interne.
Le jeton API expire-t-il ou faut-il le renouveler nous-mêmes ?
On n'a pas été piratés, rassurez-vous, les mails bizarres venaient de notre outil marketing.
L'alerte de connexion suspecte d'hier, c'était mon collègue en déplacement, rien à faire.
Merci d'activer la liste d'IP autorisées sur notre offre, notre politique l'exige.
Peut-on masquer les numéros de carte que les clients collent dans les tickets ?
Nos pentesteurs vont scanner notre propre centre d'aide la semaine prochaine, merci de ne pas les bloquer.
Il nous faut le livre blanc sécurité et le certificat ISO 27001 pour un appel d'offres
L'incident du compte piraté l'an dernier est clos, il nous faut seulement le rapport pour nos archives.
L'application permet-elle la connexion par empreinte digitale ?
Où modifier la durée de session ? 8 heures c'est trop pour notre politique de sécurité.
Les données sont-elles chiffrées entre le widget et vos serveurs ?
Puis-je être averti quand quelqu'un se connecte depuis un nouvel appareil ?
J'ai perdu le téléphone de ma double authentification, comment récupérer l'accès à mon propre compte ?
Rien ne laisse penser qu'il y a eu une fuite, mais quelles IP ont accédé au compte la semaine dernière ? Simple curiosité.
Comment signaler un mail d'hameçonnage reçu par nos clients ? Nous voulons les prévenir par un article d'aide.
Qui peut modifier les paramètres de sécurité chez nous ? Seulement les admins ?
Avez-vous une analyse d'impact RGPD que nous pourrions reprendre ?
"""
P["legal"] = """
J'ai été patient, mais c'est désormais l'affaire de mon avocate. Vous aurez de ses nouvelles cette semaine.
Objet : dernière relance avant assignation – avoir impayé de 1 250 EUR. Sans paiement sous 14 jours nous saisissons le tribunal.
Vous avez violé notre SLA quatre fois ce trimestre. Notre direction juridique prépare une demande de dommages et intérêts.
Si mes données ne sont pas effacées comme demandé, je porte plainte auprès de la CNIL et je réclame réparation.
Nous irons en justice si vous continuez à nous prélever après la résiliation
Pour le double prélèvement je saisis le juge de proximité, les formulaires sont prêts
Nos avocats vont vous contacter au sujet de la conservation illégale de nos données.
Ceci est une mise en demeure : cessez immédiatement d'utiliser notre marque.
Nous vous assignons en justice pour les pertes causées par votre panne.
Si l'argent n'est pas sur mon compte lundi, je vais au tribunal, point.
Plusieurs de vos clients préparent une action collective et nous nous y joignons.
J'ai consulté un avocat au sujet de votre refus de rembourser.
Nous vous tenons pour responsables de la perte de données et mandatons des avocats pour recouvrer les frais.
Mon conseil juridique me recommande d'engager une procédure et je vais le faire.
Je porte plainte contre vous et mon avocat s'occupe du reste.
Dernier avertissement : répondez avant vendredi ou nous engageons des poursuites pour rupture de contrat.
Cette facturation est frauduleuse, je vais vous poursuivre et vous signaler à la répression des fraudes.
Notre service juridique a reçu l'instruction d'agir contre vous.
Nous étudions avec un avocat comment vous attaquer pour les dégâts causés par votre mise à jour
Payez la pénalité prévue au contrat ou nous la ferons exécuter par voie judiciaire.
"""
N["legal"] = """
Notre avocate demande la date de début du contrat, où la voir dans le compte ?
Pouvez-vous signer notre accord de confidentialité standard avant la démo ?
Avez-vous un modèle de réponse à une demande d'accès RGPD ?
Notre service juridique veut savoir quel tribunal est compétent selon vos conditions.
Je suis assistante juridique et je suis les délais d'audience avec votre appli, puis-je ajouter un champ date ?
Nous n'allons poursuivre personne, nous voulons juste le remboursement du double prélèvement.
Un client écrit qu'il va prendre un avocat ; comment escalader ce genre de ticket en interne ?
Merci d'établir la facture au nom de notre cabinet, Martin & Associés.
Est-il légal d'enregistrer les appels du support avec votre module téléphonie ?
Notre juriste a relu l'accord de traitement et a deux remarques, ci-joint
Pouvez-vous nous donner la raison sociale et le numéro SIREN pour notre fichier fournisseurs ?
Nos rappels d'audience envoyés via votre plateforme arrivent en spam.
Le différend sur la facture de l'an dernier a été réglé à l'amiable, le ticket peut être archivé.
Mon avocat est en vacances, puis-je signer le bon de commande moi-même ?
Quels sont les délais si un jour nous voulons mettre fin au contrat ? C'est pour notre revue juridique.
Je ne menace pas de poursuites, je demande seulement pourquoi le prix a changé.
Notre équipe conformité a besoin de la liste à jour des sous-traitants.
Le mot 'procès' dans nos règles d'étiquetage automatique touche les mauvais tickets, pouvez-vous aider ?
Nous voulons mettre un lien vers nos CGV en bas du widget de chat.
Faut-il un contrat différent pour nos clients en Belgique ?
"""
P["outage"] = """
Il se passe quelque chose ? Toute notre équipe support fixe un écran de chargement depuis 20 minutes.
Objet : P1 – API en panne. Chaque appel à /v2/tickets renvoie 503 depuis 06:12 UTC.
Depuis hier soir plus aucun mail client ne devient un ticket, la boîte est figée
Impossible d'accéder à l'appli depuis nos bureaux, la résolution DNS de votre domaine échoue
Le widget a disparu de notre site et les clients ne peuvent plus nous contacter du tout
Votre plateforme est tombée en plein Black Friday, on perd des commandes
Les agents sont déconnectés sans arrêt et maintenant plus personne ne peut se reconnecter
Tout est hors ligne, appli et API, depuis 9 h 30 environ
Tous nos webhooks échouent avec des délais dépassés. Rien n'arrive sur notre serveur.
J'ai 'bad gateway' partout, testé sur trois réseaux
Votre service est indisponible depuis deux heures. 200 clients attendent.
L'appli mobile et le web affichent une erreur serveur, on ne peut pas travailler
Les appels via votre intégration n'aboutissent plus depuis ce matin
Rapports, boîte de réception et recherche renvoient tous des erreurs, ça ressemble à une panne générale chez vous
Le site tourne puis expire. Pareil pour toute l'entreprise.
Depuis le déploiement de midi impossible de créer un ticket, chaque envoi échoue
Nous sommes complètement bloqués car votre service d'authentification ne répond pas
Panne ? Nos sondes sur votre API échouent depuis 45 minutes
C'est en panne depuis hier soir et rien sur votre page de statut
Impossible d'envoyer une seule réponse, le bouton Envoyer plante pour chaque agent
"""
N["outage"] = """
Pouvez-vous nous envoyer l'analyse des causes de la panne du mois dernier pour notre bilan trimestriel ?
Comment programmer une bannière de maintenance pour mes propres clients ?
La colonne 'temps d'arrêt' de notre rapport personnalisé est vide, est-ce un bug du filtre ?
Nous serons hors ligne samedi prochain pour un déménagement de serveur, les mails seront-ils mis en attente chez vous ?
Proposez-vous 99,99 % de disponibilité dans l'offre Entreprise ?
La recherche est un peu lente avec de grosses pièces jointes, rien d'urgent.
La perturbation d'hier a été réglée en une heure, merci pour les mises à jour.
L'appli continue-t-elle de fonctionner si notre connexion coupe une minute ?
Où voir l'historique des incidents sur votre page de statut ?
Nous avons eu une coupure de courant au bureau, tout est rentré dans l'ordre, c'est juste pour expliquer le retard des tickets.
L'icône flèche vers le bas dans la liste des tickets est décalée.
Existe-t-il un point d'API pour connaître l'état du service ?
Un vieil article d'aide renvoie une 404, le reste va bien.
Peut-on recevoir un SMS si votre service tombe un jour ?
Pas de panne, nous voulons seulement ajouter deux agents.
Notre propre site a planté hier, rien à voir avec vous, mais peut-on récupérer les chats perdus ?
Comment configurer un e-mail de secours quand le chat est hors ligne ?
Une utilisatrice ne peut pas se connecter car elle a oublié son mot de passe.
Où voir la politique de nouvelle tentative des webhooks ?
Nous prévoyons la migration le week-end pour éviter une interruption, des conseils ?
"""
P["churn"] = """
Avant la fin de notre contrat en avril nous allons évaluer d'autres fournisseurs, et franchement vous n'êtes pas favoris.
Objet : résiliation – merci de considérer ce mail comme notre préavis de fin de contrat à l'échéance.
Je veux partir. Fermez le compte et arrêtez le prélèvement.
Le conseil a validé le passage de notre support sur HubSpot, comment tout exporter ?
Nous en avons assez des changements de prix permanents et ne renouvellerons pas.
Si la synchro Salesforce n'est pas réparée ce mois-ci, nous devrons changer d'outil.
Passez-nous à zéro licence puis fermez le compte, c'est terminé pour nous.
Nous avons trouvé un prestataire qui fait la même chose à moitié prix, voici notre préavis.
Je résilie dès que l'essai se transforme en abonnement, ce n'est pas ce qu'on nous avait promis.
Votre concurrent nous a déjà monté un environnement de test. Pourquoi resterions-nous ?
Quel préavis dois-je respecter pour partir ? Nous voulons être dehors en juin.
Nous n'utiliserons plus votre service après la période de facturation en cours
Résiliez mon abonnement et effacez mes données de carte, merci.
La direction veut abandonner la plateforme au renouvellement si les rapports ne s'améliorent pas.
Je ferme notre compte. Merci de confirmer la facture finale.
Nous passons à un autre helpdesk le mois prochain.
Après cinq ans chez vous, nous pensons sérieusement à partir.
Ne nous prélevez plus rien, nous résilions.
Nous vous quittons et il nous faut toutes les pièces jointes exportées avant le 30.
À ce prix-là il n'y aura pas de renouvellement.
"""
N["churn"] = """
Nous ne voulons pas partir, mais pouvez-vous expliquer les nouveaux paliers de prix ?
Comment annuler un rapport programmé ?
Notre client a annulé son rendez-vous, comment mettre à jour le ticket ?
Nous sommes passés au prélèvement SEPA, pouvez-vous confirmer que c'est bon ?
Comment quitter une équipe dans laquelle on m'a ajouté par erreur ?
Peut-on passer à l'offre Business en cours de période ?
Merci de désactiver la clé API de notre ancienne intégration, elle ne sert plus.
Quelles sont les conditions de résiliation du module complémentaire ? Question avant achat.
Nous avons comparé trois fournisseurs l'an dernier et vous avons choisis, toujours contents.
Un de nos clients veut fermer son compte sur notre boutique, quel modèle utiliser ?
Je voudrais renouveler en avance pour garder le prix actuel.
Merci d'annuler mon inscription au webinaire, je ne pourrai pas venir.
Nous déménageons la semaine prochaine, merci de mettre à jour notre adresse.
Puis-je mettre l'espagnol comme langue par défaut du centre d'aide ?
Comment supprimer les tickets de plus de trois ans ?
Nous ne résilions pas, nous voulons juste passer de 12 à 10 licences.
Désinscrivez mon collègue des mails de nouveautés produit svp.
Le bouton Annuler de l'éditeur de ticket ne ferme pas la fenêtre.
Y a-t-il une remise fidélité pour un renouvellement de trois ans ?
Nous avons quitté notre ancien helpdesk pour vous l'an dernier, pouvez-vous aussi migrer l'ancienne archive ?
"""
P["distress"] = """
J'ai écrit cinq fois et chaque réponse est un copier-coller. Je suis complètement épuisé.
Objet : TOUJOURS PAS RÉSOLU !!!! Trois semaines d'attente, c'est de la folie
Franchement je ne sais pas combien de temps je vais tenir. Mon activité en dépend.
Quelle entreprise traite ses clients comme ça ? Je suis écœuré.
Je suis tellement en colère que j'arrive à peine à écrire. Vous avez effacé nos données et personne ne s'excuse.
Je vous en prie, aidez-moi, je suis bloqué toute la journée et mon patron est furieux contre moi
Incroyable. Je paie chaque mois et je n'obtiens aucune aide.
C'est l'expérience la plus frustrante que j'aie eue avec un logiciel.
J'en ai fini d'être poli. Réparez ça.
Chaque jour je perds des clients à cause de ça et vous vous en moquez, ça me brise le cœur
Personne ne me rappelle. J'ai l'impression de parler à un mur.
Ça ne fait plus rire du tout.
Je suis au bord des larmes, toutes les factures envoyées aujourd'hui étaient fausses et les clients m'appellent
Pourquoi est-ce si difficile d'avoir une réponse claire de votre part ?!
Vous m'avez fait perdre des heures et je bouillonne de rage.
Je n'arrive pas à croire que ce soit aussi mal géré. Consternant.
Là je suis désespéré, quelqu'un, répondez s'il vous plaît.
Service totalement inacceptable, je suis très mécontent.
Une semaine horrible à cause de votre bug et de votre silence.
Est-ce que quelqu'un lit ces messages ?? Allô ???
"""
N["distress"] = """
Merci pour la correction rapide d'hier, c'est très apprécié.
Comment mesurer la frustration des clients dans nos propres conversations de chat ?
Pas de souci si ça prend quelques jours, le rapport n'est dû que le mois prochain.
Je ne suis pas du tout fâché, je veux juste comprendre la facture.
Pouvez-vous ajouter une étiquette 'client mécontent' à nos étiquettes par défaut ?
Nous voulons envoyer les clients insatisfaits vers des agents confirmés, comment créer la règle ?
Désolé pour tous ces mails aujourd'hui, nous sommes en plein déploiement.
L'article d'aide sur l'analyse de sentiment a un lien cassé.
Répondez quand vous pourrez, c'est une petite question.
Nos agents sont stressés en haute saison, proposez-vous des licences temporaires ?
J'étais agacé au début, mais le nouvel éditeur est en fait très bien.
L'enquête peut-elle demander aux clients leur niveau de déception sur une échelle ?
Ce n'est pas grave, nous avons trouvé le réglage nous-mêmes.
Petit rappel concernant ma question de la semaine dernière.
Bravo à Marie de votre équipe pour sa patience.
Nous voulons une formation à la désescalade pour les nouveaux
Que signifie le score de sentiment 'frustré' dans les rapports ?
Pouvez-vous m'appeler à 15 h pour passer la configuration en revue ?
Bien joué, la page d'incident était très claire.
Nos clients écrivent parfois en majuscules, le filtre anti-spam peut-il l'ignorer ?
"""
O = """
Puis-je changer le nom d'expéditeur des réponses ?
Merci de renvoyer la facture d'octobre, je ne la trouve pas.
Comment fermer en masse les tickets de plus de 30 jours ?
Nous voulons ajouter notre nouveau collègue Jonas comme agent.
Y a-t-il un mode sombre dans l'application de bureau ?
L'export CSV n'inclut pas les champs personnalisés, est-ce normal ?
Où définir les heures ouvrées pour les minuteurs SLA ?
Le centre d'aide peut-il être protégé par mot de passe pour nos partenaires ?
Comment créer une vue des tickets non attribués ?
Gérez-vous l'arabe dans le centre d'aide ?
Merci de changer notre e-mail de facturation en finance@societe.fr
Pouvons-nous avoir un devis pour 25 licences en annuel ?
Comment connecter notre compte Instagram ?
Le format de date des rapports doit être JJ/MM/AAAA.
Un ticket peut-il avoir deux responsables ?
Existe-t-il une appli Android pour les agents ?
Comment restaurer une réponse type supprimée ?
Les tickets des clients VIP doivent recevoir une étiquette automatiquement.
Le widget de chat fonctionne-t-il avec PrestaShop ?
Merci d'ajouter un deuxième administrateur à notre compte.
"""
