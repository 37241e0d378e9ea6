#pragma once
// Process set-up of the heap, called first thing in main (the pipeline never calls it):
// fewer page faults for one short command such as `extract FILE`.

namespace feedarchiver {

/// With glibc on Linux: large blocks come from the heap rather than fresh mappings, the heap
/// grows 16 MiB at a time and that reserve is advised as transparent huge pages
/// (madvise(MADV_HUGEPAGE): Debian's kernels honour it in their default "madvise" mode).
/// One extraction first-touches hundreds of 4 KiB heap pages, one page fault each; on a
/// virtual machine a fault costs some 20 µs of CPU, a 2 MiB page far less than its 512 faults.
/// Only an advice: returns whether the kernel took it; false (and nothing changed but the
/// two malloc settings) elsewhere, or when malloc does not grow the heap with brk
/// (AddressSanitizer, valgrind).
bool prepare_heap();

}  // namespace feedarchiver
