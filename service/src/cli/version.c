/* --version: ours and the libraries' versions. librdkafka and libpq say at run time which
 * library is loaded; hiredis and avro-c have no such call, so theirs are the versions the binary
 * was built against (hiredis's header, avro-c's pkg-config), and say so. */
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>

#include "cli/cli.h"

#ifndef TR_VERSION
#define TR_VERSION "unknown"
#endif
#ifndef TR_AVRO_VERSION
#define TR_AVRO_VERSION "unknown"
#endif

void cli_version_print(FILE *out)
{
    int pq = PQlibVersion(); /* 150003 for 15.3; 90624 for 9.6.24 */
    fprintf(out, "ticket-router %s\n", TR_VERSION);
    fprintf(out, "librdkafka %s (loaded)\n", rd_kafka_version_str());
    fprintf(out, "avro-c %s (built against; no run-time version call)\n", TR_AVRO_VERSION);
    fprintf(out, "hiredis %d.%d.%d (built against; no run-time version call)\n", HIREDIS_MAJOR,
            HIREDIS_MINOR, HIREDIS_PATCH);
    if (pq >= 100000)
        fprintf(out, "libpq %d.%d (loaded)\n", pq / 10000, pq % 10000);
    else
        fprintf(out, "libpq %d.%d.%d (loaded)\n", pq / 10000, pq / 100 % 100, pq % 100);
}
