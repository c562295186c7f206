/* store_internal: the connection, shared by the store's files only. */
#ifndef TR_STORE_INTERNAL_H
#define TR_STORE_INTERNAL_H

#include <libpq-fe.h>

#include "store/store.h"

struct store_conn {
    PGconn *conn;
    bool prepared;
    bool listening;
    bool in_txn; /* a batch transaction is open: a reset loses it, so it fails */
};

/* Make sure the connection is up and the statements prepared. TR_EIO when not. */
int store_ensure(store_conn *pg);

/* Text of a column, or "" for NULL. */
const char *store_col(const PGresult *res, int row, const char *name);

#endif
