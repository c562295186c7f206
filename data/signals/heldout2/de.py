# Held-out German texts, written after and apart from the training phrasings. Never train or tune on these.
P, N = {}, {}
P["security"] = """
Heute früh waren 14 neue Benutzer mit Adminrechten in unserem Arbeitsbereich, die niemand eingeladen hat.
Betreff: Postfach kompromittiert – im Postfach unserer Buchhaltung wurde eine Regel angelegt, die alles an eine Gmail-Adresse weiterleitet
Ein Kunde rief an, weil er seine komplette Bestellhistorie von einer fremden Adresse bekommen hat. Woher haben die das??
Wir vermuten, dass ein Eindringling unser Haupt-API-Token hat, es werden Tickets gelöscht, die wir nie angefasst haben
Über unser Konto wurden mit meiner hinterlegten Karte 30 Gutscheine bestellt, das war ich nicht
Achtung: Es gibt eine gefälschte Kopie Ihrer Login-Seite, mehrere Agenten haben sich dort angemeldet
Mein Passwort geht nicht mehr und die Konto-Mail zeigt jetzt auf eine fremde Adresse
Über Nacht wurden alle unsere Textbausteine durch Links auf eine Krypto-Abzocke ersetzt
In der öffentlichen Wissensdatenbank stehen interne Notizen mit Telefonnummern von Kunden, jeder kann sie lesen
Unsere IT hat ein Token Ihrer App in einem Datendump auf Pastebin gefunden
Kundendaten aus der CRM-Synchronisation tauchen in einem geleakten Datensatz auf
Ich habe auf eine Mail geklickt, die wie Ihre Verlängerungserinnerung aussah, seitdem verschickt mein Konto Nachrichten, die ich nicht geschrieben habe
Jemand Fremdes ist auf drei Geräten als ich angemeldet, trotz neuem Passwort
Von Kunden hochgeladene Anhänge enthalten einen Trojaner und Ihr Scanner hat sie durchgelassen
Unsere Bank meldet, dass unsere Zugangsdaten für Ihr Zahlungsmodul aus der Ukraine benutzt werden
Jemand hat sich Zugang zu unserem Helpdesk verschafft und Kunden gebeten, an eine neue IBAN zu zahlen
Auf Ihrem CDN ist ein Verzeichnis offen, das Dateien vieler Kunden zeigt
Eindringling im Konto!! Der exportiert gerade unsere Kundenliste
Im Audit-Log sehe ich Anmeldungen um 4 Uhr aus Singapur und einen kompletten Export, um die Zeit arbeitet hier keiner
Seit Ihrem Update können Benutzer mit Leserechten Zahlungsdaten herunterladen, die sie nie sehen dürften
"""
N["security"] = """
Welchen Verschlüsselungsalgorithmus nutzen Sie für Backups? Unser Prüfer will das schriftlich.
Ich habe das Passwort unseres geteilten Kontos geändert, weil ein Praktikant gegangen ist. Wie beende ich seine alten Sitzungen?
Können Admins den Anmeldeverlauf jedes Agenten sehen? Das brauchen wir für unsere interne Sicherheitsprüfung.
Läuft das API-Token ab oder müssen wir es selbst erneuern?
Wir wurden nicht gehackt, keine Sorge, die komischen Mails kamen von unserem Marketing-Tool.
Die Warnung wegen verdächtiger Anmeldung gestern war mein Kollege auf Dienstreise, nichts zu tun.
Bitte aktivieren Sie die IP-Freigabeliste in unserem Tarif, unsere Richtlinie verlangt das.
Kann man Kreditkartennummern maskieren, die Kunden in Tickets einfügen?
Unsere Pentester scannen nächste Woche unser eigenes Hilfecenter, bitte nicht blockieren.
Wir brauchen das Sicherheits-Whitepaper und das ISO-27001-Zertifikat für eine Ausschreibung
Der Vorfall mit dem übernommenen Konto letztes Jahr ist abgeschlossen, wir brauchen nur den Bericht für unsere Unterlagen.
Unterstützt die App eine Anmeldung per Fingerabdruck?
Wo ändere ich das Sitzungs-Timeout? 8 Stunden sind für unsere Sicherheitsrichtlinie zu lang.
Werden Daten zwischen Widget und Ihren Servern verschlüsselt übertragen?
Kann ich benachrichtigt werden, wenn sich jemand von einem neuen Gerät anmeldet?
Ich habe mein 2FA-Handy verloren, wie komme ich wieder in mein eigenes Konto?
Wir haben keinen Grund zu glauben, dass etwas abgeflossen ist, aber welche IPs waren letzte Woche im Konto? Reine Neugier.
Wie melde ich eine Phishing-Mail, die unsere Kunden bekommen haben? Wir wollen sie per Hilfeartikel warnen.
Gibt es eine Datenschutz-Folgenabschätzung, die wir übernehmen können?
Wer darf bei uns die Sicherheitseinstellungen ändern? Nur Admins?
"""
P["legal"] = """
Ich war geduldig, aber jetzt ist das eine Sache für meine Anwältin. Sie hören diese Woche von ihr.
Betreff: Letzte Aufforderung vor Klageerhebung – offene Gutschrift 1.250 EUR. Ohne Zahlung binnen 14 Tagen reichen wir Klage ein.
Sie haben unser SLA in diesem Quartal viermal verletzt. Unsere Rechtsabteilung bereitet eine Schadensersatzforderung vor.
Wenn meine Daten nicht wie verlangt gelöscht werden, beschwere ich mich beim Landesdatenschutzbeauftragten und verlange Schadensersatz.
Wir gehen gerichtlich dagegen vor, wenn Sie nach der Kündigung weiter abbuchen
Wegen der doppelten Abbuchung beantrage ich einen Mahnbescheid, die Formulare sind schon ausgefüllt
Unsere Anwälte werden Sie wegen der unrechtmäßigen Speicherung unserer Daten kontaktieren.
Dies ist eine förmliche Abmahnung: Unterlassen Sie sofort die Nutzung unserer Marke.
Wir verklagen Sie auf die Verluste durch Ihren Ausfall.
Wenn das Geld bis Montag nicht auf meinem Konto ist, gehe ich vor Gericht, ganz einfach.
Mehrere Ihrer Kunden organisieren eine Sammelklage und wir schließen uns an.
Ich habe wegen der verweigerten Erstattung einen Rechtsanwalt eingeschaltet.
Wir machen Sie für die verlorenen Daten haftbar und beauftragen Anwälte mit der Durchsetzung.
Mein Rechtsbeistand rät mir zur Klage und ich werde dem folgen.
Ich zeige Sie bei der Polizei an und mein Anwalt kümmert sich um den Rest.
Letzte Warnung: Antworten Sie bis Freitag oder wir leiten rechtliche Schritte wegen Vertragsbruchs ein.
Diese Abrechnung ist Betrug, ich werde Sie verklagen und bei der Verbraucherzentrale melden.
Unsere Rechtsabteilung ist beauftragt, gegen Sie vorzugehen.
Wir lassen gerade prüfen, wie wir Sie für die Schäden durch Ihr Update verklagen können
Zahlen Sie die vertraglich vereinbarte Vertragsstrafe oder wir setzen sie gerichtlich durch.
"""
N["legal"] = """
Unsere Anwältin fragt nach dem Vertragsbeginn, wo sehe ich den im Konto?
Können Sie vor der Demo nächste Woche unsere Standard-Geheimhaltungsvereinbarung unterschreiben?
Haben Sie eine Vorlage für die Antwort auf eine DSGVO-Auskunftsanfrage?
Unsere Rechtsabteilung möchte wissen, welcher Gerichtsstand in den AGB gilt.
Ich bin Rechtsanwaltsfachangestellte und verwalte Fristen mit Ihrer App, kann ich ein Datumsfeld hinzufügen?
Wir werden niemanden verklagen, wir wollen nur die doppelte Abbuchung zurück.
Ein Kunde schreibt, er schaltet einen Anwalt ein; wie eskaliere ich solche Tickets intern?
Bitte stellen Sie die Rechnung auf unsere Kanzlei Bauer & Lang aus.
Ist es rechtlich erlaubt, Supportanrufe mit Ihrer Telefonie aufzuzeichnen?
Unser Justiziar hat den AV-Vertrag geprüft und zwei Anmerkungen, siehe Anhang
Können Sie uns den Firmennamen und die Handelsregisternummer für unsere Lieferantenakte geben?
Unsere Erinnerungsmails an Gerichtstermine landen im Spam.
Der Streit um die Rechnung vom letzten Jahr wurde gütlich beigelegt, das Ticket kann archiviert werden.
Mein Anwalt ist im Urlaub, darf ich das Bestellformular selbst unterschreiben?
Welche Fristen gelten, falls wir den Vertrag irgendwann beenden wollen? Nur für die rechtliche Prüfung.
Ich drohe nicht mit rechtlichen Schritten, ich frage nur, warum sich der Preis geändert hat.
Unser Compliance-Team braucht die aktuelle Liste der Unterauftragnehmer.
Das Wort 'Klage' in unseren Auto-Tag-Regeln trifft die falschen Tickets, können Sie helfen?
Wir möchten unsere AGB im Fuß des Chat-Widgets verlinken.
Brauchen wir für Kunden in der Schweiz einen anderen Vertrag?
"""
P["outage"] = """
Ist bei Ihnen etwas los? Unser ganzes Supportteam starrt seit 20 Minuten auf einen Ladebildschirm.
Betreff: P1 – API down. Jeder Aufruf von /v2/tickets liefert seit 06:12 UTC einen 503.
Seit gestern Abend wird aus keiner Kunden-Mail mehr ein Ticket, der Posteingang ist eingefroren
Wir erreichen die App von keinem unserer Standorte, die DNS-Auflösung Ihrer Domain schlägt fehl
Das Widget ist von unserer Website verschwunden und Kunden können uns gar nicht mehr kontaktieren
Ihre Plattform ist mitten am Black Friday ausgefallen, uns gehen Bestellungen verloren
Die Agenten fliegen ständig raus und jetzt kann sich niemand mehr anmelden
Alles offline, App und API, seit etwa halb zehn
Alle Webhooks scheitern mit Verbindungs-Timeouts. Bei unserem Server kommt nichts an.
Ich bekomme überall 'Bad Gateway', in drei verschiedenen Netzen
Ihr Dienst ist seit zwei Stunden nicht verfügbar. 200 Kunden warten.
App und Web zeigen beide einen Serverfehler, wir können nicht arbeiten
Anrufe über Ihre Integration kommen seit heute Morgen nicht mehr zustande
Berichte, Posteingang und Suche liefern alle Fehler, sieht nach einem Komplettausfall bei Ihnen aus
Die Seite dreht sich nur und bricht dann ab. Bei allen in der Firma.
Seit dem Deployment um 12 Uhr kann man keine Tickets mehr anlegen, jedes Absenden schlägt fehl
Wir stehen komplett still, weil Ihr Anmeldedienst nicht antwortet
Ausfall? Unsere Prüfungen gegen Ihre API schlagen seit 45 Minuten fehl
Seit gestern Abend geht nichts und auf der Statusseite steht nichts
Keine einzige Antwort lässt sich senden, der Senden-Button gibt bei jedem Agenten einen Fehler
"""
N["outage"] = """
Können Sie uns die Ursachenanalyse des Ausfalls vom letzten Monat für unseren Quartalsbericht schicken?
Wie plane ich einen Wartungshinweis für meine eigenen Kunden?
Die Spalte 'Ausfallzeit' in unserem eigenen Bericht ist leer, ist das ein Filterfehler?
Wir sind nächsten Samstag wegen eines Serverumzugs offline, werden Mails bei Ihnen zwischengespeichert?
Bieten Sie im Enterprise-Tarif 99,99 % Verfügbarkeit an?
Die Suche ist bei großen Anhängen etwas langsam, nicht dringend.
Die Störung gestern war nach einer Stunde behoben, danke für die Updates.
Läuft die App weiter, wenn unser Internet kurz weg ist?
Wo sehe ich die Historie der Vorfälle auf Ihrer Statusseite?
Bei uns war Stromausfall im Büro, jetzt läuft alles wieder, nur zur Info, warum Tickets liegen blieben.
Das Pfeil-nach-unten-Symbol in der Ticketliste ist verrutscht.
Gibt es einen API-Endpunkt für den Dienststatus?
Ein alter Hilfeartikel gibt 404, der Rest geht.
Können wir eine SMS bekommen, falls Ihr Dienst mal ausfällt?
Kein Ausfall, wir wollen nur zwei Agenten hinzufügen.
Unsere eigene Website ist gestern abgestürzt, nicht Ihre Schuld, aber können wir die verlorenen Chats nachholen?
Wie richte ich eine Ersatz-Mail ein, wenn der Chat offline ist?
Eine Nutzerin kann sich nicht anmelden, weil sie ihr Passwort vergessen hat.
Wo sehe ich, wie oft Webhooks wiederholt werden?
Wir planen die Migration fürs Wochenende, um Ausfallzeit zu vermeiden, Tipps?
"""
P["churn"] = """
Vor Vertragsende im April prüfen wir andere Anbieter, und ehrlich gesagt sind Sie nicht der Favorit.
Betreff: Kündigung – bitte betrachten Sie diese Mail als unsere Kündigung zum Ende der Laufzeit.
Ich will raus. Schließen Sie das Konto und stoppen Sie die Lastschrift.
Der Vorstand hat den Wechsel unseres Supports zu HubSpot genehmigt, wie exportieren wir alles?
Wir haben genug von den ständigen Preisänderungen und werden nicht verlängern.
Wenn die Salesforce-Synchronisation diesen Monat nicht läuft, müssen wir das Tool wechseln.
Bitte auf null Lizenzen reduzieren und dann das Konto schließen, wir sind fertig mit Ihnen.
Wir haben einen Anbieter gefunden, der dasselbe zum halben Preis macht, das ist unsere Kündigung.
Sobald die Testphase in ein Abo übergeht, kündige ich, das ist nicht, was uns versprochen wurde.
Ihr Mitbewerber hat uns schon eine Testumgebung eingerichtet. Warum sollten wir bleiben?
Welche Frist muss ich einhalten, um zu gehen? Wir wollen bis Juni raus sein.
Nach dem laufenden Abrechnungszeitraum nutzen wir Ihren Dienst nicht weiter
Kündigen Sie mein Abo und löschen Sie meine Kartendaten, danke.
Die Geschäftsleitung will die Plattform zur Verlängerung abschaffen, wenn sich das Reporting nicht bessert.
Ich schließe unser Konto. Bitte bestätigen Sie die Schlussrechnung.
Wir wechseln nächsten Monat zu einem anderen Helpdesk.
Nach fünf Jahren bei Ihnen überlegen wir ernsthaft zu gehen.
Buchen Sie nichts mehr ab, wir kündigen.
Wir ziehen weg von Ihnen und brauchen bis zum 30. alle Anhänge exportiert.
Zu diesem Preis wird es keine Verlängerung geben.
"""
N["churn"] = """
Wir wollen nicht weg, aber können Sie die neuen Preisstufen erklären?
Wie breche ich einen geplanten Bericht ab?
Unser Kunde hat seinen Termin abgesagt, wie aktualisiere ich das Ticket?
Wir haben die Zahlungsart auf SEPA umgestellt, bitte bestätigen Sie, dass es geklappt hat.
Wie verlasse ich ein Team, in das ich versehentlich aufgenommen wurde?
Können wir mitten in der Laufzeit auf den Business-Tarif upgraden?
Bitte deaktivieren Sie den API-Schlüssel unserer alten Integration, der wird nicht mehr gebraucht.
Wie sind die Kündigungsbedingungen für das Zusatzmodul? Frage vor dem Kauf.
Wir haben letztes Jahr drei Anbieter verglichen und uns für Sie entschieden, immer noch zufrieden.
Ein Kunde von uns will sein Konto in unserem Shop schließen, welche Vorlage nehmen wir?
Ich möchte früher verlängern, um den aktuellen Preis zu sichern.
Bitte melden Sie mich vom Webinar ab, ich kann nicht teilnehmen.
Wir ziehen nächste Woche ins neue Büro, bitte Adresse aktualisieren.
Kann ich die Standardsprache des Hilfecenters auf Spanisch stellen?
Wie lösche ich Tickets, die älter als drei Jahre sind?
Wir kündigen nicht, wir wollen nur von 12 auf 10 Lizenzen reduzieren.
Bitte meinen Kollegen von den Produkt-Updates abmelden.
Der Abbrechen-Button im Ticketeditor schließt den Dialog nicht.
Gibt es einen Treuerabatt bei Verlängerung um drei Jahre?
Wir sind letztes Jahr von unserem alten Helpdesk zu Ihnen gewechselt, helfen Sie auch beim Umzug des alten Archivs?
"""
P["distress"] = """
Ich habe jetzt fünfmal geschrieben und jede Antwort ist ein Textbaustein. Ich bin völlig erschöpft.
Betreff: IMMER NOCH NICHT GELÖST!!!! Drei Wochen Warten, das ist Wahnsinn
Ich weiß ehrlich nicht, wie lange ich das noch aushalte. Mein Geschäft hängt davon ab.
Was für eine Firma behandelt Kunden so? Ich bin angewidert.
Ich bin so wütend, dass ich kaum tippen kann. Sie haben unsere Daten gelöscht und keiner entschuldigt sich.
Bitte, bitte, helft mir, ich hänge den ganzen Tag fest und mein Chef tobt
Unglaublich. Ich zahle jeden Monat und bekomme null Hilfe.
Das ist das frustrierendste Erlebnis, das ich je mit einer Software hatte.
Ich bin es leid, höflich zu sein. Reparieren Sie das.
Jeden Tag verliere ich deswegen Kunden und es ist Ihnen völlig egal, das bricht mir das Herz
Niemand ruft zurück. Ich rede gegen eine Wand.
Das ist nicht mehr lustig.
Ich bin den Tränen nahe, alle heutigen Rechnungen waren falsch und die Kunden rufen an
Warum ist es so schwer, von Ihnen eine klare Antwort zu bekommen?!
Sie haben Stunden meiner Zeit verschwendet und ich koche vor Wut.
Ich fasse nicht, wie schlecht das gelaufen ist. Erschreckend.
Ich bin inzwischen verzweifelt, bitte antwortet irgendwer.
Völlig inakzeptabler Service, ich bin sehr verärgert.
Dank Ihres Fehlers und Ihres Schweigens war das eine schreckliche Woche.
Liest das überhaupt jemand?? Hallo???
"""
N["distress"] = """
Danke für die schnelle Lösung gestern, das wissen wir sehr zu schätzen.
Wie können wir die Frustration von Kunden in unseren Chatverläufen messen?
Kein Problem, wenn es ein paar Tage dauert, der Bericht ist erst nächsten Monat fällig.
Ich bin überhaupt nicht verärgert, ich möchte nur die Rechnung verstehen.
Können Sie ein Tag 'verärgerter Kunde' zu unseren Standard-Tags hinzufügen?
Wir wollen unzufriedene Kunden an erfahrene Agenten leiten, wie baue ich die Regel?
Entschuldigung für die vielen Mails heute, wir sind mitten im Onboarding.
Der Hilfeartikel zur Stimmungsanalyse hat einen kaputten Link.
Bitte antworten Sie, wenn es passt, ist nur eine kleine Frage.
Unsere Agenten sind in der Hochsaison gestresst, gibt es befristete Lizenzen?
Erst war ich genervt, aber der neue Editor ist eigentlich super.
Kann die Umfrage fragen, wie enttäuscht Kunden auf einer Skala sind?
Schon gut, wir haben die Einstellung selbst gefunden.
Freundliche Erinnerung an meine Frage von letzter Woche.
Lob an Maria aus Ihrem Team für ihre Geduld.
Wir möchten eine Schulung zur Deeskalation für neue Mitarbeiter
Was bedeutet der Stimmungswert 'frustriert' in den Berichten?
Können Sie mich um 15 Uhr anrufen, um die Einrichtung durchzugehen?
Gut gemacht, die Störungsseite war sehr verständlich.
Unsere Kunden schreiben manchmal in Großbuchstaben, kann der Spamfilter das ignorieren?
"""
O = """
Kann ich den Absendernamen für ausgehende Antworten ändern?
Bitte schicken Sie die Rechnung für Oktober noch einmal, ich finde sie nicht.
Wie schließe ich Tickets, die älter als 30 Tage sind, in einem Rutsch?
Wir möchten unseren neuen Kollegen Jonas als Agenten hinzufügen.
Gibt es in der Desktop-App einen Dunkelmodus?
Der CSV-Export enthält keine benutzerdefinierten Felder, ist das so gewollt?
Wo lege ich die Geschäftszeiten für die SLA-Timer fest?
Kann das Hilfecenter für Partner mit Passwort geschützt werden?
Wie erstelle ich eine Ansicht für nicht zugewiesene Tickets?
Unterstützen Sie Arabisch im Hilfecenter?
Bitte ändern Sie unsere Rechnungs-Mail auf finanzen@firma.de
Können wir ein Angebot für 25 Lizenzen im Jahrestarif bekommen?
Wie verbinde ich unser Instagram-Konto?
Das Datumsformat in Berichten soll TT.MM.JJJJ sein.
Kann ein Ticket zwei Bearbeiter haben?
Gibt es eine Android-App für Agenten?
Wie stelle ich einen gelöschten Textbaustein wieder her?
Tickets von VIP-Kunden sollen automatisch ein Tag bekommen.
Funktioniert das Chat-Widget mit Shopware?
Bitte fügen Sie einen zweiten Admin zu unserem Konto hinzu.
"""
