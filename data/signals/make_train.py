#!/usr/bin/env python3
"""Writes train/<signal>.tsv and valid/<signal>.tsv (plus ordinary.tsv) from the phrasings in
gen/<lang>.py and the starter cores (cores_a.py, cores_b.py). Run from this folder:
python3 make_train.py   (seeded: the same output every run)

Split: one phrasing in five (per signal, language and label; by a seeded shuffle) goes to valid/
with all its variants, so the validation split never shares a phrasing with training. bench_signals
chooses the thresholds on valid/ only (heldout2/ is never used for that).

Variants of a phrasing (each written once):
  positive  alone with a greeting/sign-off of its language; followed by a short add-on or an
            ordinary sentence of its language; inside other content ("subject" line, an ordinary
            request, then the phrasing); some lower-cased or with one typo
  (the ordinary sentences mixed in come from the same split: one in five ordinary sentences is
  validation-only, alone and mixed)
  negative  (benign mentions, negations, policy questions, resolved incidents) alone, and mixed
            with an ordinary sentence. Written with signal "all" (label 0 for every signal): a
            benign mention of one signal is ordinary text for the others too.
  ordinary  alone, with a greeting, and pairs of two ordinary requests of the language."""
import importlib
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))
from cores_b import CORES  # noqa: E402  (cores_b imports cores_a)

SIGNALS = ["security", "legal", "outage", "churn", "distress"]
LANGS = ["en", "de", "fr", "es", "pt"]
OPEN = {
    "en": ["", "", "Hi,", "Hello team,", "Dear support,", "Hi there,", "Good morning,", "Hey,"],
    "de": ["", "", "Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo Support,", "Moin,", "Hi,"],
    "fr": ["", "", "Bonjour,", "Bonjour l'équipe,", "Madame, Monsieur,", "Salut,", "Bonsoir,", "Hello,"],
    "es": ["", "", "Hola,", "Buenos días,", "Estimado soporte,", "Hola equipo,", "Buenas tardes,", "Buenas,"],
    "pt": ["", "", "Olá,", "Bom dia,", "Prezados,", "Oi pessoal,", "Boa tarde,", "Oi,"],
}
CLOSE = {
    "en": ["", "", "Thanks.", "Regards, Anna", "Account 48213.", "Sent from my phone", "Best, Tom from Acme", "Cheers"],
    "de": ["", "", "Danke.", "Viele Grüße, Jana", "Kundennummer 48213.", "Gesendet vom Handy", "MfG Müller GmbH", "Gruß"],
    "fr": ["", "", "Merci.", "Cordialement, Claire", "Client n° 48213.", "Envoyé de mon téléphone", "Bien à vous, Paul", "Merci d'avance"],
    "es": ["", "", "Gracias.", "Saludos, Lucía", "Cliente 48213.", "Enviado desde mi móvil", "Un saludo, Jorge", "Gracias de antemano"],
    "pt": ["", "", "Obrigado.", "Abraços, Ana", "Cliente 48213.", "Enviado do celular", "Att, João", "Valeu"],
}
SUBJECT = {
    "en": ["Subject: account", "Re: ticket 4471", "Problem", "URGENT", "Question", "Fwd: our workspace", "help"],
    "de": ["Betreff: Konto", "AW: Ticket 4471", "Problem", "DRINGEND", "Frage", "WG: unser Arbeitsbereich", "Hilfe"],
    "fr": ["Objet : compte", "RE: ticket 4471", "Problème", "URGENT", "Question", "TR: notre espace", "aide"],
    "es": ["Asunto: cuenta", "RE: ticket 4471", "Problema", "URGENTE", "Consulta", "RV: nuestro espacio", "ayuda"],
    "pt": ["Assunto: conta", "RE: chamado 4471", "Problema", "URGENTE", "Dúvida", "ENC: nosso espaço", "ajuda"],
}


def lines(text):
    return [l.strip() for l in text.strip().split("\n") if l.strip()]


def typo(rng, s):
    words = s.split(" ")
    cand = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not cand:
        return s
    i = rng.choice(cand)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def noise(rng, s):
    r = rng.random()
    if r < 0.12:
        return s.lower()
    if r < 0.24:
        return typo(rng, s)
    return s


def join(*parts):
    return " ".join(p for p in parts if p)


def punct(s):
    return s if s[-1] in ".!?" else s + "."


def main():
    rng = random.Random(20261203)
    # cells[(signal, lang, label)] = list of phrasings; ordinary[lang], tails[(signal, lang)]
    cells, ordinary, tails = {}, {l: [] for l in LANGS}, {}
    for lang in LANGS:
        m = importlib.import_module(lang)
        for s in SIGNALS:
            cells.setdefault((s, lang, 1), []).extend(lines(m.P[s]))
            cells.setdefault((s, lang, 0), []).extend(lines(m.N[s]))
            tails[(s, lang)] = lines(m.T.get(s, ""))
        ordinary[lang].extend(lines(m.O))
    for sig, lang, label, sentences in CORES:
        if sig == "all":
            ordinary[lang].extend(sentences)
        else:
            cells.setdefault((sig, lang, label), []).extend(sentences)
    for k in cells:
        cells[k] = list(dict.fromkeys(cells[k]))
    for l in LANGS:
        ordinary[l] = list(dict.fromkeys(ordinary[l]))

    out = {"train": {}, "valid": {}}

    def put(part, name, sig, lang, label, text):
        out[part].setdefault(name, []).append(f"{sig}\t{lang}\t{label}\t{text}")

    split = {}
    for lang in LANGS:
        o = ordinary[lang][:]
        rng.shuffle(o)
        n_valid = max(1, len(o) // 5)
        split[lang] = {"valid": o[:n_valid], "train": o[n_valid:]}
        for part, src in split[lang].items():
            for s in src:
                put(part, "ordinary", "all", lang, 0, s)
                put(part, "ordinary", "all", lang, 0,
                    join(rng.choice(OPEN[lang]), noise(rng, s), rng.choice(CLOSE[lang])))
            for _ in range(3 * len(src)):
                a, b = rng.sample(src, 2)
                put(part, "ordinary", "all", lang, 0,
                    join(rng.choice(OPEN[lang]), punct(a), b, rng.choice(CLOSE[lang])))
    for (sig, lang, label), phr in sorted(cells.items()):
        phr = phr[:]
        rng.shuffle(phr)
        n_valid = max(1, len(phr) // 5)
        for idx, p in enumerate(phr):
            part = "valid" if idx < n_valid else "train"
            o1 = rng.choice(split[lang][part])
            if label == 1:
                t = tails.get((sig, lang)) or []
                add = rng.choice(t) if t and rng.random() < 0.5 else rng.choice(split[lang][part])
                texts = [
                    join(rng.choice(OPEN[lang]), noise(rng, p), rng.choice(CLOSE[lang])),
                    join(noise(rng, punct(p)), add),
                    rng.choice(SUBJECT[lang]) + " - " + join(punct(o1), noise(rng, p)),
                ]
                for x in dict.fromkeys(texts):
                    put(part, sig, sig, lang, 1, x)
            else:
                texts = [join(rng.choice(OPEN[lang]), noise(rng, p), rng.choice(CLOSE[lang])),
                         join(punct(o1), p) if rng.random() < 0.5 else join(punct(p), o1)]
                for x in dict.fromkeys(texts):
                    put(part, sig, "all", lang, 0, x)
    for part, files in out.items():
        os.makedirs(part, exist_ok=True)
        for name, rows in files.items():
            rows = list(dict.fromkeys(rows))
            with open(f"{part}/{name}.tsv", "w", encoding="utf-8") as f:
                f.write("# signal\tlang\tlabel\ttext  (generated by make_train.py from gen/*.py "
                        "and the starter cores; edit those)\n")
                f.write("\n".join(rows) + "\n")
            print(part, name, len(rows))


main()
