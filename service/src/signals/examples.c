/* Training examples from the TSV files of data/signals/. */
#include "signals/signals_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int signals_examples_parse(char *buf, size_t len, struct signals_example **out, size_t *n,
                           char *err, size_t errlen)
{
    if (!buf || !out || !n) {
        snprintf(err, errlen, "no buffer");
        return TR_EINVAL;
    }
    if (!*out)
        *n = 0;
    size_t cap = *n, line_no = 0;
    char *end = buf + len;
    for (char *line = buf; line < end;) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *stop = nl ? nl : end;
        char *next = nl ? nl + 1 : end;
        line_no++;
        *stop = '\0'; /* overwrites the newline, or the buffer's NUL at end */
        if (stop > line && stop[-1] == '\r')
            *--stop = '\0';
        if (stop == line || line[0] == '#') {
            line = next;
            continue;
        }
        char *f[5];
        size_t nf = 0;
        f[nf++] = line;
        for (char *p = line; p < stop && nf < 5; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        if (nf < 4) {
            snprintf(err, errlen, "line %zu: want signal<TAB>lang<TAB>label<TAB>text[<TAB>weight]",
                     line_no);
            return TR_EINVAL;
        }
        int kind;
        if (signals_kind_parse(f[0], &kind)) {
            snprintf(err, errlen, "line %zu: unknown signal \"%s\"", line_no, f[0]);
            return TR_EINVAL;
        }
        if ((f[2][0] != '0' && f[2][0] != '1') || f[2][1]) {
            snprintf(err, errlen, "line %zu: label must be 0 or 1", line_no);
            return TR_EINVAL;
        }
        double weight = 1.0;
        if (nf == 5) {
            char *e;
            weight = strtod(f[4], &e);
            if (*e || !(weight > 0)) {
                snprintf(err, errlen, "line %zu: weight must be a number > 0", line_no);
                return TR_EINVAL;
            }
        }
        if (tr_reserve((void **)out, &cap, *n + 1, sizeof(**out))) {
            snprintf(err, errlen, "out of memory");
            return TR_ENOMEM;
        }
        (*out)[(*n)++] = (struct signals_example){.text = f[3],
                                                  .len = strlen(f[3]),
                                                  .lang = f[1],
                                                  .kind = kind,
                                                  .label = f[2][0] - '0',
                                                  .weight = weight};
        line = next;
    }
    return 0;
}
