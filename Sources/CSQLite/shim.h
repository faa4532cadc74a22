// SQLite for Swift. SQLITE_TRANSIENT is a macro cast Swift cannot import (TOOLCHAIN.md §1).
#ifndef EDGEPILOT_CSQLITE_SHIM_H
#define EDGEPILOT_CSQLITE_SHIM_H
#include <sqlite3.h>

static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
