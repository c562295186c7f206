/* model_data: the labelled examples of train and eval, read from CSV, JSON Lines or PostgreSQL,
 * and their seeded held-out splits. Reading the data happens here, so the classify module stays
 * pure. See docs/classifier.md. */
#include "cli/model_internal.h"

#include <errno.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void model_rows_clear(struct model_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->text[i]);
        free(r->label[i]);
    }
    free(r->text);
    free(r->label);
    memset(r, 0, sizeof(*r));
}

/* Takes ownership of text and label. */
static int rows_push(struct model_rows *r, char *text, char *label)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        char **t = realloc(r->text, cap * sizeof(char *));
        if (t)
            r->text = t;
        char **l = realloc(r->label, cap * sizeof(char *));
        if (l)
            r->label = l;
        if (!t || !l) {
            free(text);
            free(label);
            return TR_ENOMEM;
        }
        r->cap = cap;
    }
    r->text[r->n] = text;
    r->label[r->n] = label;
    r->n++;
    return 0;
}

/* Column names from a comma-separated list; returns the count (at most max). */
static size_t split_names(const char *list, char names[][128], size_t max)
{
    size_t n = 0;
    const char *p = list;
    while (*p && n < max) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len >= 128)
            len = 127;
        memcpy(names[n], p, len);
        names[n][len] = '\0';
        n++;
        if (!c)
            break;
        p = c + 1;
    }
    return n;
}

/* One CSV record (RFC 4180: quoted fields, "" inside quotes, CRLF or LF). The fields are
 * unescaped in place in buf and NUL-terminated; *pos moves past the record. Returns the number
 * of fields, 0 at the end of input. */
static size_t csv_record(char *buf, size_t len, size_t *pos, char **fields, size_t max)
{
    size_t i = *pos, n = 0;
    if (i >= len)
        return 0;
    for (;;) {
        char *out = buf + i, *start = out;
        if (i < len && buf[i] == '"') {
            i++;
            while (i < len) {
                if (buf[i] == '"') {
                    if (i + 1 < len && buf[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                *out++ = buf[i++];
            }
            while (i < len && buf[i] != ',' && buf[i] != '\n') /* junk after the quote */
                i++;
        } else {
            while (i < len && buf[i] != ',' && buf[i] != '\n')
                out++, i++;
            if (out > start && out[-1] == '\r')
                out--;
        }
        char sep = i < len ? buf[i] : '\n';
        *out = '\0';
        if (n < max)
            fields[n++] = start;
        i++;
        if (sep == '\n')
            break;
    }
    *pos = i;
    return n;
}

static char *join_fields(char *const *parts, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 1;
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*parts[i])
            continue;
        if (o)
            s[o++] = '\n'; /* a title and a body read as separate lines */
        size_t l = strlen(parts[i]);
        memcpy(s + o, parts[i], l);
        o += l;
    }
    s[o] = '\0';
    return s;
}

#define MAX_COLS 256
#define MAX_TEXT_COLS 16

static int load_csv(const char *path, const char *text_cols, const char *label_col,
                    struct model_rows *rows)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    if (tr_file_read(path, &buf, &len, err, sizeof(err)) != 0) {
        fprintf(stderr, "cannot read %s: %s\n", path, err);
        return TR_EIO;
    }
    int rc = TR_EINVAL;
    char *fields[MAX_COLS];
    char names[MAX_TEXT_COLS][128];
    size_t n_text = split_names(text_cols, names, MAX_TEXT_COLS);
    int text_at[MAX_TEXT_COLS], label_at = -1;
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* byte order mark */
    size_t n_head = csv_record(buf, len, &pos, fields, MAX_COLS);
    for (size_t t = 0; t < n_text; t++) {
        text_at[t] = -1;
        for (size_t f = 0; f < n_head; f++)
            if (strcmp(fields[f], names[t]) == 0)
                text_at[t] = (int)f;
        if (text_at[t] < 0) {
            fprintf(stderr, "%s: no column '%s' in the header\n", path, names[t]);
            goto out;
        }
    }
    for (size_t f = 0; label_col && f < n_head; f++)
        if (strcmp(fields[f], label_col) == 0)
            label_at = (int)f;
    if (label_col && label_at < 0) {
        fprintf(stderr, "%s: no column '%s' in the header\n", path, label_col);
        goto out;
    }
    size_t line = 1, skipped = 0, nf;
    while ((nf = csv_record(buf, len, &pos, fields, MAX_COLS)) > 0) {
        line++;
        if (nf == 1 && !*fields[0])
            continue; /* blank line */
        if (nf < n_head || (label_at >= 0 && !*fields[label_at])) {
            skipped++;
            continue;
        }
        char *parts[MAX_TEXT_COLS];
        for (size_t t = 0; t < n_text; t++)
            parts[t] = fields[text_at[t]];
        char *text = join_fields(parts, n_text);
        char *label = strdup(label_at >= 0 ? fields[label_at] : "");
        if (!text || !label || rows_push(rows, text, label)) {
            rc = TR_ENOMEM;
            goto out;
        }
    }
    if (skipped)
        fprintf(stderr, "%s: skipped %zu records with missing fields or label\n", path, skipped);
    rc = 0;
out:
    free(buf);
    return rc;
}

static char *json_field_string(json_t *v)
{
    char tmp[64];
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(tmp, sizeof(tmp), "%lld", (long long)json_integer_value(v));
        return strdup(tmp);
    }
    if (json_is_real(v)) {
        snprintf(tmp, sizeof(tmp), "%g", json_real_value(v));
        return strdup(tmp);
    }
    return strdup("");
}

static int load_jsonl(const char *path, const char *text_cols, const char *label_col,
                      struct model_rows *rows)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
        return TR_EIO;
    }
    char names[MAX_TEXT_COLS][128];
    size_t n_text = split_names(text_cols, names, MAX_TEXT_COLS);
    char *line = NULL;
    size_t cap = 0, lineno = 0, skipped = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (got <= 1)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(line, (size_t)got, 0, &jerr);
        if (!json_is_object(obj)) {
            fprintf(stderr, "%s:%zu: not a JSON object: %s\n", path, lineno, jerr.text);
            json_decref(obj);
            rc = TR_EINVAL;
            break;
        }
        char *parts[MAX_TEXT_COLS] = {0};
        for (size_t t = 0; t < n_text; t++)
            parts[t] = json_field_string(json_object_get(obj, names[t]));
        char *label = label_col ? json_field_string(json_object_get(obj, label_col)) : strdup("");
        json_decref(obj);
        bool ok = label != NULL;
        for (size_t t = 0; t < n_text; t++)
            ok = ok && parts[t];
        char *text = ok ? join_fields(parts, n_text) : NULL;
        for (size_t t = 0; t < n_text; t++)
            free(parts[t]);
        if (!text) {
            free(label);
            rc = TR_ENOMEM;
            break;
        }
        if (label_col && !*label) {
            free(text);
            free(label);
            skipped++;
            continue;
        }
        if ((rc = rows_push(rows, text, label)))
            break;
    }
    free(line);
    fclose(f);
    if (skipped)
        fprintf(stderr, "%s: skipped %zu records without a label\n", path, skipped);
    return rc;
}

static int load_pg(const char *dsn, struct model_rows *rows)
{
    PGconn *pg = PQconnectdb(dsn);
    PGresult *res = NULL;
    int rc = TR_EIO;
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect to PostgreSQL: %s", PQerrorMessage(pg));
        goto out;
    }
    /* Examples labelled with a team (no single category fits) are for people, not the model. */
    res = PQexec(pg, "SELECT text, label FROM training_examples WHERE label_kind = 'category' "
                     "ORDER BY id");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "reading training_examples failed: %s", PQerrorMessage(pg));
        goto out;
    }
    for (int i = 0; i < PQntuples(res); i++) {
        char *text = strdup(PQgetvalue(res, i, 0));
        char *label = strdup(PQgetvalue(res, i, 1));
        if (!text || !label || rows_push(rows, text, label)) {
            rc = TR_ENOMEM;
            goto out;
        }
    }
    rc = 0;
out:
    PQclear(res);
    PQfinish(pg);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int model_rows_load(const struct model_opts *o, bool need_label, struct model_rows *rows)
{
    if (o->pg_dsn) {
        /* The database's examples, after the file's historical ones when both are given. */
        if (o->data) {
            struct model_opts file_only = *o;
            file_only.pg_dsn = NULL;
            int rc = model_rows_load(&file_only, need_label, rows);
            if (rc != 0)
                return rc;
        }
        int rc = load_pg(o->pg_dsn, rows);
        if (rc == 0 && rows->n == 0) {
            fprintf(stderr, "no training examples (file or training_examples)\n");
            rc = TR_EINVAL;
        }
        return rc;
    }
    if (!o->data || !o->text || (need_label && !o->label)) {
        fprintf(stderr, "need --data FILE --text COLS --label COL (or the database)\n");
        return TR_EINVAL;
    }
    bool jsonl = o->format ? strcmp(o->format, "jsonl") == 0
                           : ends_with(o->data, ".jsonl") || ends_with(o->data, ".ndjson");
    if (o->format && !jsonl && strcmp(o->format, "csv") != 0) {
        fprintf(stderr, "--format must be csv or jsonl\n");
        return TR_EINVAL;
    }
    int rc = jsonl ? load_jsonl(o->data, o->text, o->label, rows)
                   : load_csv(o->data, o->text, o->label, rows);
    if (!rc && rows->n == 0) {
        fprintf(stderr, "%s: no rows\n", o->data);
        rc = TR_EINVAL;
    }
    return rc;
}

/* Keep the rows whose holdout flag equals keep_holdout. */
static void rows_filter(struct model_rows *r, const bool *holdout, bool keep_holdout)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (holdout[i] == keep_holdout) {
            r->text[w] = r->text[i];
            r->label[w] = r->label[i];
            w++;
        } else {
            free(r->text[i]);
            free(r->label[i]);
        }
    }
    r->n = w;
}

int model_rows_split(struct model_rows *r, double fraction, uint64_t seed, bool keep_holdout)
{
    bool *holdout = malloc((r->n ? r->n : 1) * sizeof(bool));
    if (!holdout)
        return TR_ENOMEM;
    int rc = classify_split_holdout((const char *const *)r->label, r->n, fraction, seed, holdout);
    if (!rc)
        rows_filter(r, holdout, keep_holdout);
    free(holdout);
    return rc;
}

/* Move a seeded stratified fraction of rows to held, to evaluate on later. The strings move
 * with their rows (model_rows_clear on both frees each once). 0, or -1 after printing why. */
int model_rows_holdout(struct model_rows *rows, struct model_rows *held, double fraction,
                       uint64_t seed)
{
    held->n = held->cap = rows->n;
    held->text = malloc(rows->n * sizeof(char *));
    held->label = malloc(rows->n * sizeof(char *));
    bool *mask = malloc(rows->n * sizeof(bool));
    if (!held->text || !held->label || !mask ||
        classify_split_holdout((const char *const *)rows->label, rows->n, fraction, seed, mask) !=
            0) {
        fprintf(stderr, "cannot split the data (--holdout must be in (0, 1))\n");
        free(mask);
        held->n = 0;
        model_rows_clear(held);
        return -1;
    }
    size_t a = 0, b = 0;
    for (size_t i = 0; i < rows->n; i++) {
        if (mask[i]) {
            held->text[b] = rows->text[i];
            held->label[b++] = rows->label[i];
        } else {
            rows->text[a] = rows->text[i];
            rows->label[a++] = rows->label[i];
        }
    }
    rows->n = a;
    held->n = b;
    free(mask);
    return 0;
}
