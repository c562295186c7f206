/* fault_results: the fault suite's table. Each scenario writes its row to
 * <build>/tests/fault-results/NN.tsv (NN: its place in the table); fault_results_print shows
 * every row as a Markdown table, which test_zz_report prints and, with TR_FAULT_RESULTS set,
 * writes to tests/fault/RESULTS.md. Threads: test main thread. */
#ifndef TR_FAULT_RESULTS_H
#define TR_FAULT_RESULTS_H

#include <dirent.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct fault_row {
    int order;
    char scenario[64];
    long tickets_in;    /* good tickets produced */
    long decisions_out; /* distinct tickets with a decision on the decisions topic */
    long stored;        /* decision rows in PostgreSQL */
    long duplicates;    /* extra rows, conflicting publications, extra escalations */
    long republished;   /* identical copies of a stored decision on the topic (allowed) */
    long lost;          /* tickets without a stored and published decision */
    long dlq;           /* invalid events on the dead-letter topic */
    long dlq_expected;
    long dlq_copies;    /* the same invalid event dead-lettered again after a replay */
    long escalations;   /* distinct escalation ids published */
    long assigned;      /* decisions with an agent */
    long over_capacity; /* agents above capacity (PostgreSQL or Redis) */
    long load_mismatch; /* agents or claims where Redis and PostgreSQL disagree */
    double outage_s;    /* how long the fault lasted */
    double recover_s;   /* from the end of the fault to the last ticket decided; -1: never */
    char status[64];    /* ok, FAIL */
    char note[160];
};

static inline void fault_results_dir(char *buf, size_t len)
{
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0) {
        snprintf(buf, len, "/tmp/tr-fault-results");
        return;
    }
    exe[n] = '\0';
    snprintf(buf, len, "%s/fault-results", dirname(exe));
}

static inline void fault_results_write(const struct fault_row *r)
{
    char dir[1100], path[1200];
    fault_results_dir(dir, sizeof(dir));
    mkdir(dir, 0755);
    snprintf(path, sizeof(path), "%s/%02d.tsv", dir, r->order);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    fprintf(fp,
            "%d\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%.1f\t%.1f\t%s\t%"
            "s\t%ld\n",
            r->order, r->scenario, r->tickets_in, r->decisions_out, r->stored, r->duplicates,
            r->republished, r->lost, r->dlq, r->dlq_expected, r->escalations, r->assigned,
            r->over_capacity, r->load_mismatch, r->outage_s, r->recover_s, r->status, r->note,
            r->dlq_copies);
    fclose(fp);
}

static inline bool fault_results_read(const char *path, struct fault_row *r)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    char line[1024];
    bool ok = fgets(line, sizeof(line), fp) != NULL;
    fclose(fp);
    if (!ok)
        return false;
    line[strcspn(line, "\n")] = '\0';
    memset(r, 0, sizeof(*r));
    char *fields[19] = {0};
    size_t n = 0;
    for (char *p = line; n < 19;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n < 17)
        return false;
    r->order = atoi(fields[0]);
    snprintf(r->scenario, sizeof(r->scenario), "%s", fields[1]);
    long *nums[] = {&r->tickets_in,  &r->decisions_out, &r->stored,        &r->duplicates,
                    &r->republished, &r->lost,          &r->dlq,           &r->dlq_expected,
                    &r->escalations, &r->assigned,      &r->over_capacity, &r->load_mismatch};
    for (size_t i = 0; i < 12; i++)
        *nums[i] = atol(fields[2 + i]);
    r->outage_s = atof(fields[14]);
    r->recover_s = atof(fields[15]);
    snprintf(r->status, sizeof(r->status), "%s", fields[16]);
    snprintf(r->note, sizeof(r->note), "%s", n > 17 ? fields[17] : "");
    r->dlq_copies = n > 18 ? atol(fields[18]) : 0;
    return true;
}

static inline void fault_results_header(FILE *out)
{
    fprintf(out, "| scenario | tickets in | decisions out | stored | duplicates | identical "
                 "republished | lost | DLQ | escalations | over capacity | load vs PG | fault "
                 "(s) | time to recover (s) | result | note |\n");
    fprintf(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
                 "---: | ---: | --- | --- |\n");
}

static inline void fault_results_line(FILE *out, const struct fault_row *r)
{
    char recover[32];
    if (r->recover_s < 0)
        snprintf(recover, sizeof(recover), "never");
    else
        snprintf(recover, sizeof(recover), "%.1f", r->recover_s);
    char dlq[48];
    if (r->dlq_copies)
        snprintf(dlq, sizeof(dlq), "%ld/%ld (+%ld again)", r->dlq, r->dlq_expected, r->dlq_copies);
    else
        snprintf(dlq, sizeof(dlq), "%ld/%ld", r->dlq, r->dlq_expected);
    fprintf(out,
            "| %s | %ld | %ld | %ld | %ld | %ld | %ld | %s | %ld | %ld | %ld | %.1f | %s | %s "
            "| %s |\n",
            r->scenario, r->tickets_in, r->decisions_out, r->stored, r->duplicates, r->republished,
            r->lost, dlq, r->escalations, r->over_capacity, r->load_mismatch, r->outage_s, recover,
            r->status, r->note);
}

/* Every row in the results directory, in order. Returns how many. */
static inline size_t fault_results_print(FILE *out)
{
    char dir[1100];
    fault_results_dir(dir, sizeof(dir));
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    size_t rows = 0;
    fault_results_header(out);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".tsv") == 0) {
            char path[1400];
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            struct fault_row r;
            if (fault_results_read(path, &r)) {
                fault_results_line(out, &r);
                rows++;
            }
        }
        free(names[i]);
    }
    free(names);
    return rows;
}

#endif
