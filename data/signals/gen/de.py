# German training phrasings, written by the project (see ../README.md). Same layout as en.py.
P, N, T = {}, {}, {}
P["security"] = """
Jemand hat sich aus Russland in unser Konto eingeloggt und API-Schlüssel angelegt
Wir wurden gehackt, alle Passwörter wurden über Nacht geändert
Auf dem Inhaber-Konto gibt es Anmeldungen aus Brasilien, keiner von uns war dort
unsere Kundenliste ist in einem Hackerforum aufgetaucht
Ich glaube, meine Zugangsdaten wurden gestohlen, ich bekomme ständig Passwort-Reset-Mails
Ein Angreifer hat drei Agentenkonten übernommen
Wir haben eine gefälschte Rechnung mit Link zu einer falschen Login-Seite bekommen, zwei Kollegen haben ihr Passwort eingegeben
Über Ihre API werden ohne Anmeldung personenbezogene Daten unserer Kunden abgegriffen
DRINGEND: Verdacht auf Datenleck, unsere Kunden bekommen Mails mit Inhalten ihrer Tickets von Fremden
Der Webhook-Schlüssel ist öffentlich auf GitHub gelandet und jemand schickt gefälschte Bestellungen
Ransomware hat unseren Server verschlüsselt, bitte sperren Sie die Tokens des Connectors
Ich sehe in der Suche Kunden einer anderen Firma, das ist ein massiver Datenschutzverstoß
Ein ehemaliger Dienstleister meldet sich immer noch an und lädt Berichte herunter
Jemand hat die Zwei-Faktor-Authentifizierung beim Admin abgeschaltet und einen neuen Admin angelegt
Die Anhang-Links sind erratbar, ich konnte Dateien anderer Firmen öffnen
Die Bankverbindung in unserem Profil wurde von Unbekannten geändert, die Auszahlung ging woanders hin
unser SSO wurde umgangen, Leute ohne Konto kamen in den Arbeitsbereich
Wir hatten einen Sicherheitsvorfall und brauchen sofort die Audit-Logs der letzten 30 Tage
Das Konto wurde kompromittiert und hat Spam an 20.000 Kontakte verschickt
Eine unbekannte IP hat um 3 Uhr nachts unsere komplette Kontaktdatenbank heruntergeladen
Bitte sperren Sie das Konto sofort, jemand ist drin und löscht Sachen
Patientendaten wurden durch Ihre Automatisierung an eine falsche Adresse geschickt
Ich wurde abgemeldet und jemand anders benutzt gerade mein Konto
Im Kundenportal wurde mir der Personalausweis eines Fremden angezeigt
Wir haben einen Benutzer mit vollen Rechten gefunden, den niemand von uns angelegt hat
Die Mail zum Zurücksetzen geht an eine fremde Adresse, jemand hat sie geändert
DSGVO-Vorfall: Daten von 4.000 Kunden waren über einen Freigabelink öffentlich
Über eine Datei im Ticket kam Schadsoftware auf den Laptop eines Mitarbeiters
Jemand hat sich am Telefon als Ihr Support ausgegeben und den 2FA-Code erfragt
Phishing-Mail im Namen Ihres Sicherheitsteams, es wird nach dem Passwort gefragt
Ein Laptop mit angemeldeter Desktop-App wurde gestohlen, bitte alle Sitzungen beenden
Wir haben eine Erpressermail bekommen, angeblich haben sie eine Kopie unserer Ticketdatenbank
Jemand versucht per Brute Force reinzukommen, tausende Fehlversuche und ein Erfolg
Unser Konto wurde übernommen und der Angreifer schreibt mit unseren Kunden
unbefugter zugriff auf das admin panel!! bitte sofort prüfen
Unsere API-Schlüssel werden aus einem unbekannten Rechenzentrum benutzt
Interne Notizen sind bei Google auffindbar, die sollten privat sein
"""
N["security"] = """
Ich habe mein Passwort aus Sicherheitsgründen geändert, wie aktualisiere ich die Wiederherstellungs-Mail?
Wie aktiviere ich die Zwei-Faktor-Authentifizierung für alle Agenten?
Können Sie uns den aktuellen Pentest-Bericht für unsere Lieferantenprüfung schicken?
Unser Datenschutzbeauftragter fragt, wo die Daten gespeichert werden
Es gab kein Datenleck, ich habe mich nur nach zu vielen Versuchen ausgesperrt
Die verdächtige Anmeldung letzten Monat war unser eigenes VPN, alles in Ordnung
Bitte fügen Sie unseren neuen Sicherheitsbeauftragten als Admin hinzu
Wie lautet Ihre Passwortrichtlinie?
Zeigt das Audit-Log, wer Berichte exportiert hat?
Die Seite mit den Sicherheitseinstellungen lädt langsam
Ich habe mein Passwort vergessen und der Link ist abgelaufen
Wir brauchen vor dem Start einen unterschriebenen AV-Vertrag
Wie rotiere ich den Webhook-Schlüssel? Reine Routine, es ist nichts passiert
Wir sind nicht gehackt worden, wir finden nur die Einstellung nicht
Wo finde ich die Liste Ihrer Unterauftragsverarbeiter?
Kann man SSO erzwingen?
Die Meldung über eine neue Anmeldung war ich selbst mit meinem neuen Handy
Den Sicherheitsfragebogen haben wir ausgefüllt, siehe Anhang
Wie lange bewahren Sie gelöschte Tickets auf? Unser Datenschutzteam fragt
Können wir Anmeldungen auf unsere Büro-IP beschränken?
Der im März gemeldete Vorfall ist erledigt, bitte das Ticket schließen
Gibt es ein Bug-Bounty-Programm?
Welche Daten sammelt die App? Wir brauchen das für unsere Datenschutzerklärung
Kann ich sehen, welche Geräte angemeldet sind?
Unser Virenscanner blockiert Ihr Installationsprogramm, ist die Datei signiert?
"""
T["security"] = """
bitte rufen Sie mich an
welche Daten sind betroffen?
wir müssen das innerhalb von 72 Stunden melden
das ist extrem dringend
"""
P["legal"] = """
Wir ziehen vor Gericht
Wenn die Daten bis Freitag nicht wiederhergestellt sind, wird unser Anwalt Schadensersatz fordern
Ich habe die Sache an meinen Rechtsanwalt übergeben
Hiermit mahnen wir Sie wegen Vertragsverletzung ab und behalten uns rechtliche Schritte vor
Wir werden Sie auf Schadensersatz verklagen
Ich reiche eine Beschwerde bei der Datenschutzbehörde ein
Sie erhalten in Kürze Post von unserer Rechtsabteilung
Wenn ich mein Geld nicht zurückbekomme, gehe ich zum Anwalt
Unsere Kanzlei bereitet eine Klage wegen der SLA-Verstöße vor
Ich melde Sie bei der Verbraucherzentrale
Das ist die letzte Mahnung vor rechtlichen Schritten
Das Einbehalten meiner Erstattung ist rechtswidrig, ich werde das gerichtlich klären lassen
Das verstößt gegen die DSGVO, ich habe bereits die Aufsichtsbehörde informiert
wir sehen uns vor gericht, das ist betrug
Mein Anwalt sagt, Sie haften für den Schaden
Wir werden Schadensersatz einklagen
Ohne Antwort innerhalb von 10 Tagen leiten wir ein gerichtliches Verfahren ein
Ihre AGB sind unwirksam und wir lassen das juristisch prüfen
Unser Justiziar wird sich wegen der Vertragsverletzung melden
Ich erstatte Anzeige wegen Betrugs
Dies ist eine Unterlassungsaufforderung: Hören Sie auf, unsere Kunden anzuschreiben
Wir behalten uns vor, rechtlich gegen Sie vorzugehen
Ab heute liegt die Angelegenheit bei unseren Anwälten
Ich werde klagen, wenn mein Konto heute nicht entsperrt wird
Wir bereiten eine Schadensersatzforderung über 40.000 EUR vor
Das wird ein juristisches Nachspiel haben
Ich schalte die Schlichtungsstelle ein und danach das Gericht
Wir halten Sie rechtlich für jeden verlorenen Auftrag verantwortlich
Wir haben einen Anwalt eingeschaltet
Ich werde einen Mahnbescheid beantragen
"""
N["legal"] = """
Unser Anwalt braucht eine Kopie der Rechnung
Wo finde ich Ihre AGB und die Datenschutzerklärung?
Können Sie den unterschriebenen Vertrag an unsere Rechtsabteilung schicken?
Unsere Rechtsabteilung prüft gerade den AV-Vertrag
Wir sind eine Kanzlei und möchten Tickets für die Mandantenaufnahme nutzen
Wie füge ich einen rechtlichen Hinweis in ausgehende Mails ein?
Wir haben nicht vor, rechtliche Schritte einzuleiten, wir wollen nur eine Lösung
Bitte ändern Sie den Firmennamen auf den Rechnungen auf die neue Rechtsform
Welches Recht gilt für den Vertrag?
Unser Anwalt möchte beim Onboarding-Termin dabei sein
Ein Kunde hat eine DSGVO-Auskunft verlangt, wie exportieren wir seine Daten?
Kann man den Vertrag elektronisch unterschreiben?
Ich drohe nicht, ich möchte nur eine Gutschrift
Können Tickets für eine Aufbewahrungspflicht gesperrt werden?
Wie lange müssen Daten aus rechtlichen Gründen aufbewahrt werden?
Ein Kunde von uns hat mit einer Klage gedroht, wie markieren wir solche Tickets?
Der Rechtsstreit vom letzten Jahr ist beigelegt, bitte alte Tickets archivieren
Ich habe eine Frage zur Haftungsklausel, bevor wir unterschreiben
Bitte fügen Sie unsere Justiziarin als Betrachterin hinzu
Brauchen Sie für die Bestellung unsere Handelsregisternummer?
Enthält Ihr SLA Gutschriften bei Ausfällen?
Das Gerichtsstand-Feld im Formular wird nicht angezeigt
"""
T["legal"] = """
dies ist Ihre letzte Chance
alle Vorfälle sind dokumentiert
Frist: 7 Tage
"""
P["outage"] = """
alle unsere Anfragen liefern seit 9 Uhr einen 502
Die App ist für alle bei uns ausgefallen
Ihre API läuft seit einer Stunde in Timeouts, nichts geht durch
Die Seite lädt überhaupt nicht, nur weiß
Niemand im Team kann sich anmelden, gibt es eine Störung?
Auf jeder Seite steht 'Service nicht verfügbar'
Produktion steht: Webhooks kommen seit 7:40 nicht mehr an
Totalausfall, App und Website funktionieren beide nicht
Wir erreichen Ihre Server seit heute Morgen nicht
Die Statusseite ist grün, aber das Portal lädt bei keinem von uns
Seit gestern Abend werden gar keine Mails mehr zugestellt
500 Internal Server Error bei jeder Anfrage
Die ganze Plattform ist mitten in unserer Hauptzeit abgestürzt
Das Hilfecenter ist offline und Kunden können keine Tickets anlegen
Die Synchronisation steht komplett seit 3 Stunden
ist der Dienst down? keiner unserer 60 Agenten kann arbeiten
Das System ist mitten im Sale ausgefallen
Das Chat-Widget wird auf unserer Seite nicht mehr geladen
Ihre EU-Region scheint down zu sein
Seit der Wartung geht gar nichts mehr, jede Seite zeigt einen Fehler
Seit 14:05 nur noch 503-Fehler
Die Server reagieren nicht, Anfragen hängen bis zum Timeout
Unser Shop ist offline, weil Ihre Checkout-API nicht antwortet
Seit dem Update heute früh ist alles kaputt
Der Posteingang lädt nicht, der Kreisel dreht sich endlos, in allen Browsern
Ihr Dienst ist schon wieder nicht erreichbar, das dritte Mal diese Woche
Die Störung dauert bei uns noch an
Datei-Uploads schlagen für alle Benutzer mit einem Netzwerkfehler fehl
Die Telefonie-Integration ist ausgefallen
Seit 8 Uhr ist die Plattform extrem langsam und bricht meist ab
Wir bekommen bei jedem Aufruf HTTP 504
Login geht nicht mehr, bei keinem Kollegen
"""
N["outage"] = """
War der Ausfall vom letzten Dienstag im monatlichen SLA-Bericht enthalten?
Wie werde ich über geplante Wartungen informiert?
Die Störung von gestern ist bei uns behoben, danke für die schnelle Hilfe
Bekommen wir eine Gutschrift für die Ausfallzeit letzte Woche?
Gibt es eine Statusseite, die wir abonnieren können?
Unsere Website ist heute Nacht wegen Wartung offline, bitte das Chat-Widget pausieren
Der Bericht lädt langsam, wenn ich ein ganzes Jahr auswähle
Gibt es ein API-Limit? Beim Import kamen ein paar 429er
Wie zeige ich im Chat eine Offline-Nachricht an, wenn niemand da ist?
Unser eigener Server ist am Samstag nicht erreichbar, werden die Webhooks wiederholt?
Die App ist nicht ausgefallen, ich finde nur den Export-Button nicht
Wie hoch ist Ihre garantierte Verfügbarkeit im Enterprise-Tarif?
Ein Bild im Artikel lädt nicht, die anderen schon
Beim Hochladen einer 300-MB-Datei kommt ein Fehler, gibt es ein Limit?
Bei uns im Büro war das Internet weg, jetzt geht wieder alles
Funktioniert die Desktop-App auch offline?
Bitte erklären Sie uns den Vorfall vom Montag für unsere Nachbetrachtung
Die Synchronisation ist etwas langsam, funktioniert aber
Können Sie bestätigen, dass die Wartung am Sonntag die EU-Region nicht betrifft?
Kein Ausfall bei uns, wir brauchen nur mehr Lizenzen
Kann man die Fehlermeldung für Kunden anpassen?
"""
T["outage"] = """
unsere Agenten sitzen herum
Kunden rufen bei uns an
bitte nennen Sie uns eine Zeitschätzung
das kostet uns jede Minute Geld
"""
P["churn"] = """
Zur Verlängerung wechseln wir zu Ihrem Wettbewerber
Bitte kündigen Sie unser Abo zum Monatsende
Wir haben entschieden, den Vertrag nicht zu verlängern
Wenn das nicht behoben wird, wechseln wir den Anbieter
Wie lösche ich mein Konto komplett? Wir gehen
Wir schauen uns Alternativen an und werden wohl im dritten Quartal gehen
Ich möchte den Vertrag kündigen, schicken Sie mir das Formular
Ehrlich gesagt reicht es uns. Kündigen Sie das Konto.
Unser Team hat beschlossen, nächstes Quartal zu Zendesk zu migrieren
Die Konkurrenz hat uns ein besseres Angebot gemacht und wir nehmen es an
Wir denken ernsthaft über eine Kündigung nach
Das war der letzte Tropfen, wir suchen uns ein anderes Tool
Bitte nicht automatisch verlängern, wir machen nicht weiter
Noch ein Ausfall und wir sind weg
Wir verlängern den Vertrag nicht, wenn er im Juni ausläuft
Kündigung zum nächstmöglichen Zeitpunkt, bitte den Restbetrag erstatten
Wir haben bei einem anderen Anbieter unterschrieben, bitte die Kündigung bearbeiten
Bei der Preiserhöhung können wir nicht bleiben
Ich zahle nicht weiter für so etwas, kündigen Sie das
Unsere Geschäftsführung hat entschieden, Ihren Dienst nicht mehr zu nutzen
Wir überlegen, zu einer günstigeren Lösung zu wechseln
Wie komme ich aus diesem Vertrag raus?
Wir sind zur Verlängerung raus, wenn sich beim Preis nichts tut
Wir haben die Migration zu einem anderen Helpdesk schon begonnen
Wie lang ist die Kündigungsfrist? Wir wollen aufhören
Damit verlieren Sie einen Kunden
Bitte bestätigen Sie das Vertragsende, wir verlängern nicht
Wir werden unser Geschäft woanders machen
Bitte mein Konto endgültig löschen, ich wechsle den Anbieter
Sie sind kurz davor, uns als Kunden zu verlieren
"""
N["churn"] = """
Wir haben nicht vor zu kündigen, nur eine Frage zur Rechnung
Wie storniere ich ein versehentlich erstelltes Ticket?
Bitte sagen Sie den Termin morgen ab, wir melden uns
Wie storniere ich eine Bestellung in der Shopify-Integration?
Kann ich von monatlicher auf jährliche Zahlung wechseln?
Wir möchten um zwei Jahre verlängern, bitte schicken Sie ein Angebot
Wie entferne ich einen Benutzer, der das Unternehmen verlassen hat?
Unser Kunde möchte seine Bestellung stornieren, welches Makro nehme ich?
Wir haben gerade verlängert und die Rechnung zeigt den alten Preis
Wie wechsle ich die Sprache der Oberfläche?
Wir ziehen von unserem alten Helpdesk zu Ihnen um, helfen Sie beim Import?
Wir sind sehr zufrieden und wollen das Team in Spanien dazunehmen
Was passiert mit unseren Daten, falls wir irgendwann kündigen? Der Einkauf fragt
Ich möchte den Kontoinhaber auf meine Kollegin wechseln
Bitte die doppelte Rechnung stornieren
Bitte vom Newsletter abmelden, das Produkt will ich behalten
Wir gehen nicht weg, aber bitte reparieren Sie den Export
Bitte ab nächstem Monat 10 weitere Lizenzen
Kann ich das Konto über den Sommer pausieren statt zu kündigen?
Die Verlängerung steht an, bitte schicken Sie den neuen Vertrag
Wie verschiebe ich Tickets in ein anderes Team?
"""
T["churn"] = """
bitte schriftlich bestätigen
wir sind seit 4 Jahren Kunde
schade
"""
P["distress"] = """
Ich bin mit meinem Latein am Ende, ich schreibe zum dritten Mal
Das ist absolut inakzeptabel!!! Niemand antwortet
Ich bin so frustriert, ich habe das ganze Wochenende daran gesessen
Der schlechteste Support, den ich je erlebt habe
Ich bin stinksauer. Sie haben doppelt abgebucht und ignorieren jede Mail
Bitte, ich flehe Sie an, ich brauche heute Hilfe, sonst verliere ich meinen größten Kunden
Warum antwortet niemand?? Ich warte seit 10 Tagen
Ich habe die Nase voll von Ihren Ausreden
Das ist eine Frechheit, ich bin wirklich wütend
Sie ruinieren mein kleines Geschäft und es interessiert niemanden
Ich bin verzweifelt, morgen ist Gehaltsabrechnung und ich komme an nichts ran
Echt jetzt?! Schon wieder? Mir reicht es
Wie oft muss ich dasselbe noch erklären, das ist lächerlich
Ich fühle mich komplett im Stich gelassen
Unfähiger Haufen
Dieser Fehler macht mich wahnsinnig
Miserabler Service. Wirklich miserabel.
Seit zwei Wochen hilft mir niemand, ich bin extrem verärgert
Hören Sie auf mit automatischen Antworten und lassen Sie einen Menschen helfen!
Ich kann nicht mehr schlafen, weil mein Shop kaputt ist
Meine Geduld ist am Ende
Ich bin maßlos enttäuscht und wütend
bitte helfen Sie mir, ich weiß nicht mehr weiter
Ihr Mitarbeiter hat einfach aufgelegt. Unverschämt.
Ich habe es satt, Ihnen hinterherzulaufen
Das ist ein Albtraum, meine Kunden beschimpfen mich
So schlecht bin ich noch nie behandelt worden
Sie schließen mein Ticket immer wieder, ohne etwas zu lösen, das ist zum Verrückt werden
Ich sitze heulend am Schreibtisch, unser Launch ist ruiniert
Eine Zumutung für einen zahlenden Kunden
"""
N["distress"] = """
Unsere Kunden sind manchmal genervt von langen Wartezeiten, können wir eine Auto-Antwort einrichten?
Wie markiere ich verärgerte Kunden, damit sie Vorrang bekommen?
Keine Eile, wann immer Sie Zeit haben
Vielen Dank, Sie haben mir sehr geholfen!
Ich bin nicht sauer, nur verwirrt wegen der Rechnung
Kann der Stimmungsbericht die Zahl unzufriedener Kunden zeigen?
Entschuldigung, dass ich nochmal störe, kurze Frage zur API
Wir sind mit dem Produkt zufrieden, nur ein kleines Problem beim Export
Ich war letzte Woche etwas frustriert, aber Ihr Kollege hat es gelöst, danke
Bitte an die Buchhaltung weiterleiten, nicht dringend
Wie richte ich eine Zufriedenheitsumfrage ein?
Ich warte noch auf das Angebot, gibt es Neuigkeiten?
Ich verstehe, dass Sie viel zu tun haben, antworten Sie, wenn es passt
Tolle Arbeit beim neuen Release!
Wir möchten eine Schulung zum Umgang mit schwierigen Kunden
Eine zweite Erinnerung an meine Frage vom Montag
Unser Team ist über die Feiertage gestresst, können wir vorübergehend Lizenzen dazunehmen?
Bitte rufen Sie mich morgen früh zurück
"""
T["distress"] = """
ich will einen Vorgesetzten sprechen
antworten Sie mir endlich
"""
O = """
Wie ändere ich das Logo in den E-Mail-Vorlagen?
Bitte schicken Sie die Rechnung als PDF an buchhaltung@example.de
Können wir einen zweiten Arbeitsbereich für die Filiale anlegen?
Wie füge ich einen neuen Agenten hinzu?
Wo stelle ich die Zeitzone der Berichte um?
Wir brauchen ein zusätzliches Feld für die Bestellnummer im Ticketformular
Wie funktioniert die Zuweisung nach dem Rotationsprinzip?
Gibt es einen Rabatt für gemeinnützige Vereine?
Wie führe ich zwei Tickets zusammen?
Das Makro für Erstattungen setzt den falschen Platzhalter ein
Bitte aktualisieren Sie unsere Rechnungsadresse
Kann ich alle Tickets von 2023 nach Excel exportieren?
Gibt es eine Integration mit Microsoft Teams?
Die Push-Benachrichtigungen der App kommen zu oft, wie reduziere ich sie?
Was ist der Unterschied zwischen dem Team- und dem Business-Tarif?
Unsere USt-IdNr. fehlt auf der letzten Rechnung
Die Suche findet keine Tickets über die Telefonnummer
Wie übersetze ich das Hilfecenter ins Französische?
Kann man Textbausteine für das ganze Team freigeben?
Wir möchten die Signatur aller Agenten einheitlich gestalten
Wie lege ich Öffnungszeiten für den Chat fest?
Können Kunden Anhänge über das Webformular hochladen?
Ich brauche eine Schulung für drei neue Kolleginnen
Wie richte ich eine Weiterleitung von unserem Postfach ein?
Die Ansicht 'Meine offenen Tickets' soll nach Priorität sortiert werden
Können wir eigene Ticketstatus anlegen?
Der Export als CSV hat das falsche Trennzeichen für Excel
Wo sehe ich die durchschnittliche Antwortzeit pro Agent?
Bitte stellen Sie unseren Tarif ab März auf jährliche Abrechnung um
Wie verknüpfe ich das CRM mit den Tickets?
Die Tastenkürzel funktionieren auf dem Mac nicht wie beschrieben
Kann ich die Farbe des Chat-Fensters an unser Design anpassen?
Wie viele Agenten sind im Starter-Tarif enthalten?
Unser Kollege bekommt keine Einladungs-Mail
Kann man Tags automatisch nach Stichwörtern vergeben?
Wie kann ich einem Kunden eine Kopie seines Tickets schicken?
Bitte löschen Sie den Testbenutzer test@firma.de
Wir hätten gern eine Demo der Wissensdatenbank
Gibt es eine Schnittstelle zu DATEV?
Die Umfrage nach dem Ticket soll nur auf Deutsch verschickt werden
"""
# zweite Runde
P["churn"] += """
Wir überlegen, uns von Ihnen zu trennen, die letzten Monate waren schlecht
Wir sehen uns nach einem neuen Support-Tool um
Betrachten Sie dies als unsere Kündigung mit 30 Tagen Frist
Ich will kein Kunde mehr sein
Wir kündigen, sobald der Vertrag es zulässt
Bitte das Abo beenden, wir haben etwas Besseres gefunden
Wir gehen zum Ende der Laufzeit
Keine Verlängerung. Endgültig.
Wir suchen einen Ersatz für Ihr Produkt
Der Vertrag endet im Mai und wir lassen ihn auslaufen
Nennen Sie mir die Gebühr für eine vorzeitige Kündigung, wir wollen raus
Die Kosten sind nicht mehr zu rechtfertigen, wir steigen aus
Ich bin kurz davor zu kündigen
Wenn Sie die Preise nochmal erhöhen, sind wir weg
Wir haben schon die Hälfte der Agenten auf ein anderes System umgestellt
"""
P["distress"] += """
Ich bin mit den Nerven am Ende und niemand hilft
Das ist die vierte Mail und immer noch nichts, ich habe so die Nase voll
Das treibt mich in den Wahnsinn
Ein furchtbares Erlebnis von Anfang bis Ende
Hilfe!!! nichts geht und ich habe in einer Stunde eine Kundenpräsentation
Ich kann nicht mehr
Ihr Support ist ein Witz
Ich habe das Gefühl, dass sich bei Ihnen niemand für uns interessiert
Das ist so unfair, ich habe alles gemacht, was Sie gesagt haben
Wie können Sie es wagen, mein Ticket schon wieder ohne Lösung zu schließen
Ich bin so enttäuscht, ich habe Ihnen vertraut
Völlig entnervt. Seit Tagen keine Antwort.
"""
P["outage"] += """
Niemand in unserem Team kommt gerade auf die Plattform
Ihre API wirft bei jeder einzelnen Anfrage Fehler
Die App stürzt seit dem letzten Release bei allen beim Start ab
Das ganze System reagiert nicht, ist bei Ihnen etwas kaputt?
Die Plattform funktioniert heute überhaupt nicht
Alles läuft in Timeouts. Ist Ihr Dienst down?
Das Portal ist seit 7 Uhr nicht erreichbar
"""
N["churn"] += """
Wir sind zufriedene Kunden und wollen den Vertrag um ein Jahr verlängern
Unser Vertrag verlängert sich nächsten Monat, bleibt der Preis gleich?
Wie kündige ich eine wiederkehrende Rechnung für einen unserer Kunden?
Kann ich in den günstigeren Tarif wechseln und alle Daten behalten?
"""
# dritte Runde
P["security"] += """
Keine Ahnung wer, aber unser Admin-Passwort wurde um 2 Uhr geändert und wir sind ausgesperrt
Ein Fremder hat unsere Kunden angerufen und Details genannt, die nur in Ihrem Tool stehen
Am Konto des Geschäftsführers gibt es eine Anmeldung aus Kasachstan, er sitzt neben mir
Auf unserem Support-Postfach gibt es eine Weiterleitung, die keiner von uns eingerichtet hat
Der Einladungslink zu unserem Arbeitsbereich wurde auf Twitter geteilt und Dutzende sind beigetreten
Wir vermuten, dass ein Mitarbeiter vor seiner Kündigung alle VIP-Kundendaten abgezogen hat
Wir haben eine Rechnung 'Ihrer Buchhaltung' mit anderer Bankverbindung bekommen, ist das Betrug?
"""
P["outage"] += """
Seit etwa 10 Uhr können unsere Agenten kein einziges Gespräch laden
Hallo? Die App zeigt seit einer Stunde nur 'Verbindung wird hergestellt'
Wir sind komplett blockiert, der ganze Helpdesk ist nicht erreichbar
Die API wirft 500er am laufenden Band, unser Checkout hängt daran
Es ist wieder down. Alles. Für alle.
"""
P["churn"] += """
Wir sprechen schon mit anderen Anbietern, Ihr Verlängerungsangebot ist nicht konkurrenzfähig
Bitte bearbeiten Sie unsere Kündigung, die Entscheidung steht
Unser Unternehmen hat sich für nächstes Jahr für eine andere Plattform entschieden
Ende des Monats verlieren Sie uns
Bitte ab nächstem Monat nichts mehr abbuchen, wir kündigen den Dienst
Ich kündige. Bitte versuchen Sie nicht, mich umzustimmen.
"""
P["distress"] += """
Ich hänge seit einer Stunde in der Warteschleife und wurde zweimal getrennt, zum Verrücktwerden
Keiner antwortet, als würde man ins Leere schreien
Sie haben keine Ahnung, wie viel Stress mir das macht
Das geht seit Wochen so und ich bin am Ende
Was ist bloß los mit Ihnen??
Ich bin entsetzt, wie man mich behandelt hat
"""
P["legal"] += """
Wir sind bereit, wegen der offenen Gutschriften vor Gericht zu gehen
Bitte leiten Sie das an Ihre Rechtsabteilung weiter: Wir werden klagen
Nächste Woche kommt eine förmliche Schadensersatzforderung
Soll doch ein Richter entscheiden, ob Ihre Abrechnung rechtens ist
"""
N["security"] += """
Wir möchten für unsere Mitarbeiter eine Phishing-Simulation machen, können Ihre Mails ausgenommen werden?
Wie gebe ich unserem externen Prüfer Lesezugriff auf das Audit-Log?
Der Sicherheitsvorfall im letzten Quartal wurde gut gelöst, danke für die Nachbereitung
"""
N["legal"] += """
Unsere Rechtsabteilung fragt, ob es einen Standardvertrag für Wiederverkäufer gibt
Der Anwalt eines Kunden hat uns einen Brief geschickt, wie hänge ich ihn ans Ticket?
Welches Gericht steht in den AGB? Nur für unsere Unterlagen
Unser Anwalt braucht den Vertrag auf Deutsch zur Prüfung
"""
N["outage"] += """
Wir sind am Sonntag wegen Wartung offline, bitte an dem Tag keine Umfragen schicken
Der Vorfallbericht zur Ausfallzeit letzte Woche war sehr hilfreich
Bei einem Agenten stürzt der Browser mit einem riesigen Anhang ab, bei allen anderen geht es
"""
N["distress"] += """
Entschuldigung für den scharfen Ton in meiner letzten Nachricht, danke fürs Beheben
Wie antwortet man am besten auf wütende Kunden?
"""
