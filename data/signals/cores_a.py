# Starter training cores, part A: security and legal. Written by the project (see README.md).
# Each entry: (signal, lang, label, [sentences]). make_train.py combines them with openers/closers.
CORES = []
def add(sig, lang, label, text):
    CORES.append((sig, lang, label, [l.strip() for l in text.strip().split("\n") if l.strip()]))

add("security", "en", 1, """
We think our account has been hacked, someone changed the admin email address
There was a data breach: records from your platform are posted on a public forum
Someone logged into our workspace from an unknown country and exported all contacts
Our API key leaked and attackers are using it to pull customer data
Suspicious logins from unknown IP addresses on several of our user accounts
We received a phishing email pretending to be your billing team asking for card details
Ransomware encrypted the server that syncs with your service
Unauthorized access to our admin panel, users were deleted overnight
I can see another company's invoices and personal data in my dashboard
Our customer database was exposed, please investigate the leak urgently
Someone is using stolen credentials to get into our account
The card numbers of our customers appear to have been compromised
A former employee still has access and downloaded confidential files
Your login page is vulnerable to SQL injection, I was able to dump the user table
Two-factor authentication was disabled on my account without my knowledge
We detected malware in a file downloaded from your portal
My account was taken over, the password and phone number were changed by someone else
Personal data of our patients was sent to the wrong recipients by your system
We believe there is an active security incident: session tokens were stolen
Our data leaked through your export link, this is a personal data breach under GDPR
Hackers got into the account and sent spam to all our customers
There is a serious vulnerability that exposes private documents without login
""")
add("security", "en", 0, """
I reset my password for security reasons, how do I update my recovery email?
Where can I download your SOC 2 report and security whitepaper?
Does your product support two-factor authentication?
Please add our new security officer as an admin user
What is your policy on data retention and encryption at rest?
Our security team needs your list of IP addresses to allowlist
There was no breach, I just want to change my password
This is not a security issue, the export button is greyed out
How do I enable single sign-on for my team?
The security settings page loads slowly
I forgot my password and the reset link expired
We completed your vendor security questionnaire, it is attached
Can you confirm the data is stored in the EU for our privacy review?
How often do you run penetration tests? Our auditor asks
""")
add("security", "de", 1, """
Unser Konto wurde gehackt, jemand hat die Admin-E-Mail geändert
Es gab ein Datenleck, Kundendaten von Ihrer Plattform tauchen im Internet auf
Unbefugter Zugriff auf unser Admin-Konto, Benutzer wurden gelöscht
Wir haben verdächtige Anmeldungen von unbekannten IP-Adressen festgestellt
Jemand hat sich mit gestohlenen Zugangsdaten eingeloggt und Daten exportiert
Wir haben eine Phishing-Mail im Namen Ihrer Buchhaltung erhalten
Ein Trojaner bzw. Ransomware hat unseren Server verschlüsselt
Ich sehe Rechnungen und personenbezogene Daten einer anderen Firma in meinem Konto
Unser API-Schlüssel wurde kompromittiert und wird missbraucht
Ein ehemaliger Mitarbeiter hat noch Zugriff und hat vertrauliche Dateien heruntergeladen
Die Zwei-Faktor-Authentifizierung wurde ohne unser Wissen deaktiviert
Das ist eine Datenschutzverletzung, wir müssen sie der Behörde melden
Hacker haben über unser Konto Spam an alle Kunden verschickt
Es gibt eine Sicherheitslücke, private Dokumente sind ohne Login abrufbar
Mein Konto wurde übernommen, Passwort und Telefonnummer wurden geändert
Die Kreditkartendaten unserer Kunden wurden offenbar gestohlen
""")
add("security", "de", 0, """
Ich habe mein Passwort aus Sicherheitsgründen geändert, wie ändere ich die Wiederherstellungs-E-Mail?
Wo finde ich Ihr Sicherheitskonzept und das ISO-27001-Zertifikat?
Unterstützen Sie Zwei-Faktor-Authentifizierung?
Bitte fügen Sie unseren neuen Datenschutzbeauftragten als Admin hinzu
Es gab kein Datenleck, ich möchte nur mein Passwort zurücksetzen
Das ist kein Sicherheitsproblem, der Export-Knopf ist grau
Wie richte ich Single Sign-On für mein Team ein?
Ich habe mein Passwort vergessen und der Link ist abgelaufen
Werden die Daten in der EU gespeichert? Das fragt unser Datenschutz
Anbei der ausgefüllte Sicherheitsfragebogen für Lieferanten
""")
add("security", "fr", 1, """
Notre compte a été piraté, quelqu'un a changé l'adresse e-mail de l'administrateur
Il y a eu une fuite de données, des informations clients circulent sur un forum
Accès non autorisé à notre console d'administration, des utilisateurs ont été supprimés
Nous avons constaté des connexions suspectes depuis des adresses IP inconnues
Quelqu'un utilise des identifiants volés pour accéder à notre compte
Nous avons reçu un e-mail de phishing se faisant passer pour votre service facturation
Un rançongiciel a chiffré le serveur connecté à votre service
Je vois les factures et les données personnelles d'une autre entreprise dans mon espace
Notre clé API a été compromise et elle est utilisée par des attaquants
Un ancien salarié a encore accès et a téléchargé des fichiers confidentiels
L'authentification à deux facteurs a été désactivée à notre insu
C'est une violation de données personnelles au sens du RGPD
Des pirates ont envoyé des spams à tous nos clients depuis notre compte
Il y a une faille de sécurité qui expose des documents privés sans connexion
Mon compte a été usurpé, le mot de passe a été changé par quelqu'un d'autre
""")
add("security", "fr", 0, """
J'ai changé mon mot de passe par sécurité, comment modifier l'e-mail de récupération ?
Où puis-je télécharger votre rapport SOC 2 et votre politique de sécurité ?
Proposez-vous l'authentification à deux facteurs ?
Merci d'ajouter notre nouveau responsable sécurité comme administrateur
Il n'y a pas eu de fuite, je veux juste changer mon mot de passe
Ce n'est pas un problème de sécurité, le bouton d'export est grisé
Comment activer l'authentification unique pour mon équipe ?
J'ai oublié mon mot de passe et le lien a expiré
Les données sont-elles hébergées en Europe ? C'est pour notre DPO
Vous trouverez ci-joint le questionnaire de sécurité fournisseur
""")
add("security", "es", 1, """
Nos han hackeado la cuenta, alguien cambió el correo del administrador
Hubo una filtración de datos, la información de clientes está publicada en un foro
Acceso no autorizado a nuestro panel de administración, borraron usuarios
Detectamos inicios de sesión sospechosos desde direcciones IP desconocidas
Alguien está usando credenciales robadas para entrar en nuestra cuenta
Recibimos un correo de phishing haciéndose pasar por su departamento de facturación
Un ransomware cifró el servidor que sincroniza con su servicio
Veo facturas y datos personales de otra empresa en mi panel
Nuestra clave API fue comprometida y la están usando atacantes
Un exempleado todavía tiene acceso y descargó archivos confidenciales
Desactivaron la autenticación de dos factores sin nuestro conocimiento
Es una brecha de seguridad de datos personales según el RGPD
Unos hackers enviaron spam a todos nuestros clientes desde la cuenta
Hay una vulnerabilidad que expone documentos privados sin iniciar sesión
Me robaron la cuenta, alguien cambió la contraseña y el teléfono
""")
add("security", "es", 0, """
Cambié mi contraseña por seguridad, ¿cómo actualizo el correo de recuperación?
¿Dónde puedo descargar su informe SOC 2 y la política de seguridad?
¿Su producto admite autenticación de dos factores?
Por favor añadan a nuestro nuevo responsable de seguridad como administrador
No hubo ninguna filtración, solo quiero cambiar mi contraseña
No es un problema de seguridad, el botón de exportar está gris
¿Cómo activo el inicio de sesión único para mi equipo?
Olvidé mi contraseña y el enlace caducó
¿Los datos se guardan en la UE? Lo pregunta nuestro delegado de protección de datos
Adjunto el cuestionario de seguridad para proveedores
""")
add("security", "pt", 1, """
Nossa conta foi hackeada, alguém mudou o e-mail do administrador
Houve um vazamento de dados, informações de clientes estão num fórum público
Acesso não autorizado ao nosso painel de administração, usuários foram apagados
Detectamos logins suspeitos de endereços IP desconhecidos
Alguém está usando credenciais roubadas para entrar na nossa conta
Recebemos um e-mail de phishing fingindo ser o seu setor de cobrança
Um ransomware criptografou o servidor que sincroniza com o serviço de vocês
Estou vendo faturas e dados pessoais de outra empresa no meu painel
Nossa chave de API foi comprometida e está sendo usada por invasores
Um ex-funcionário ainda tem acesso e baixou arquivos confidenciais
A autenticação de dois fatores foi desativada sem o nosso conhecimento
É uma violação de dados pessoais pela LGPD
Invasores mandaram spam para todos os nossos clientes pela conta
Há uma falha de segurança que expõe documentos privados sem login
Minha conta foi invadida, trocaram a senha e o telefone
""")
add("security", "pt", 0, """
Troquei minha senha por segurança, como atualizo o e-mail de recuperação?
Onde posso baixar o relatório SOC 2 e a política de segurança?
O produto de vocês tem autenticação de dois fatores?
Por favor adicionem nosso novo encarregado de segurança como administrador
Não houve vazamento nenhum, só quero trocar a senha
Não é um problema de segurança, o botão de exportar está cinza
Como ativo o login único para minha equipe?
Esqueci a senha e o link expirou
Os dados ficam armazenados na UE? Nosso encarregado de dados pergunta
Segue em anexo o questionário de segurança de fornecedores
""")

add("legal", "en", 1, """
If this is not resolved by Friday we will take legal action
Our lawyers will be in touch, we are preparing a lawsuit against your company
We are going to sue you for the damages this caused
Consider this a formal notice before legal proceedings
I will report you to the consumer protection authority and the regulator
Our attorney has advised us to file a claim for breach of contract
You will hear from my solicitor about this
We are taking you to court over the unpaid refund
This is a breach of contract and we will seek compensation through the courts
We have instructed our legal counsel to start proceedings
I am filing a complaint with the data protection authority against you
Expect a letter from our law firm demanding compensation
We reserve all legal rights and will pursue damages
If you keep charging my card I will file a small claims case
Our legal department is preparing a cease and desist letter
""")
add("legal", "en", 0, """
Our lawyer needs a copy of the invoice for the annual audit
Where can I find your terms of service and the data processing agreement?
Can legal review the contract before we sign the renewal?
Please send the signed DPA to our legal department
We will not take legal action, we just want the refund processed
I am a lawyer and I use your app to manage my clients' cases
How do I change the legal entity name on our invoices?
Is your service compliant with the court's e-filing requirements?
Please update the billing address of our law firm
Our legal team asked for the list of subprocessors
""")
add("legal", "de", 1, """
Wenn das bis Freitag nicht gelöst ist, werden wir rechtliche Schritte einleiten
Unser Anwalt wird sich bei Ihnen melden, wir bereiten eine Klage vor
Wir werden Sie auf Schadensersatz verklagen
Betrachten Sie dies als letzte Mahnung vor einem Gerichtsverfahren
Ich werde mich bei der Verbraucherzentrale und der Aufsichtsbehörde beschweren
Wir haben unseren Rechtsanwalt eingeschaltet
Das ist ein Vertragsbruch, wir ziehen vor Gericht
Sie erhalten in Kürze Post von unserer Kanzlei
Wir behalten uns rechtliche Schritte ausdrücklich vor
Unsere Rechtsabteilung bereitet eine Abmahnung vor
Ich reiche Beschwerde bei der Datenschutzbehörde gegen Sie ein
""")
add("legal", "de", 0, """
Unser Anwalt braucht eine Kopie der Rechnung für die Prüfung
Wo finde ich Ihre AGB und den Auftragsverarbeitungsvertrag?
Kann unsere Rechtsabteilung den Vertrag vor der Verlängerung prüfen?
Wir werden keine rechtlichen Schritte einleiten, wir möchten nur die Erstattung
Ich bin Rechtsanwalt und nutze Ihre Software für meine Mandanten
Wie ändere ich den Firmennamen auf unseren Rechnungen?
Bitte aktualisieren Sie die Rechnungsadresse unserer Kanzlei
Unsere Rechtsabteilung möchte die Liste der Unterauftragsverarbeiter
""")
add("legal", "fr", 1, """
Si ce n'est pas réglé vendredi, nous engagerons des poursuites judiciaires
Notre avocat va vous contacter, nous préparons une plainte
Nous allons porter plainte contre votre société
Ceci est une mise en demeure avant action en justice
Je vais saisir la DGCCRF et la CNIL
Notre service juridique prépare une action contre vous
C'est une rupture de contrat, nous irons au tribunal
Vous recevrez un courrier de notre cabinet d'avocats
Nous nous réservons le droit d'engager des poursuites
Je vais vous attaquer en justice pour obtenir réparation
""")
add("legal", "fr", 0, """
Notre avocat a besoin d'une copie de la facture pour l'audit
Où trouver vos conditions générales et l'accord de traitement des données ?
Notre service juridique peut-il relire le contrat avant le renouvellement ?
Nous n'allons pas engager de poursuites, nous voulons juste le remboursement
Je suis avocat et j'utilise votre outil pour gérer mes dossiers
Comment changer la raison sociale sur nos factures ?
Merci de mettre à jour l'adresse de facturation de notre cabinet
Notre juriste demande la liste des sous-traitants
""")
add("legal", "es", 1, """
Si no se resuelve antes del viernes emprenderemos acciones legales
Nuestros abogados se pondrán en contacto, vamos a presentar una demanda
Vamos a demandarles por los daños causados
Considérelo un requerimiento formal antes de acudir a los tribunales
Voy a denunciarles ante la oficina de consumo y el regulador
Hemos contratado a un abogado para reclamar por incumplimiento de contrato
Les llevaremos a juicio por el reembolso que no han pagado
Recibirán una carta de nuestro bufete
Nos reservamos el derecho de tomar medidas legales
Nuestro departamento jurídico está preparando una reclamación judicial
""")
add("legal", "es", 0, """
Nuestro abogado necesita una copia de la factura para la auditoría
¿Dónde están sus términos de servicio y el contrato de encargo de tratamiento?
¿Puede nuestro departamento legal revisar el contrato antes de renovar?
No vamos a emprender acciones legales, solo queremos el reembolso
Soy abogado y uso su aplicación para gestionar los casos de mis clientes
¿Cómo cambio la razón social en nuestras facturas?
Por favor actualicen la dirección de facturación de nuestro bufete
Nuestro equipo legal pide la lista de subencargados
""")
add("legal", "pt", 1, """
Se não resolverem até sexta vamos tomar medidas judiciais
Nossos advogados vão entrar em contato, estamos preparando um processo
Vamos processar a empresa de vocês pelos prejuízos
Considerem isto uma notificação extrajudicial antes da ação na justiça
Vou denunciar vocês no Procon e na agência reguladora
Contratamos um advogado para cobrar a quebra de contrato
Vamos levar vocês ao tribunal pelo reembolso não pago
Vocês vão receber uma notificação do nosso escritório de advocacia
Reservamo-nos o direito de tomar providências legais
Nosso jurídico está preparando uma ação judicial
""")
add("legal", "pt", 0, """
Nosso advogado precisa de uma cópia da fatura para a auditoria
Onde encontro os termos de serviço e o contrato de tratamento de dados?
Nosso jurídico pode revisar o contrato antes da renovação?
Não vamos entrar na justiça, só queremos o reembolso
Sou advogado e uso o app de vocês para gerenciar os processos dos meus clientes
Como mudo a razão social nas notas fiscais?
Por favor atualizem o endereço de cobrança do nosso escritório
Nosso jurídico pediu a lista de suboperadores
""")
