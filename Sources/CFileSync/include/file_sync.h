// Linux writeback control for the model store's downloads. sync_file_range needs _GNU_SOURCE,
// which Swift's Glibc module is not built with, so it is called from C here.
#ifndef EDGEPILOT_FILE_SYNC_H
#define EDGEPILOT_FILE_SYNC_H

/// Starts writing [offset, offset + length) of fd to disk without waiting (0 where the
/// platform has no such call). The later fsync then waits only for what is still dirty.
int ep_start_writeback(int fd, long long offset, long long length);

#endif
