// Snappy block compression (Debian libsnappy-dev) through its C API, for Prometheus remote-write.
#ifndef EDGEPILOT_CSNAPPY_SHIM_H
#define EDGEPILOT_CSNAPPY_SHIM_H
#include <snappy-c.h>
#endif
