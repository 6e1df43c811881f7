/**
 * Example scenarios in the text form. STORYBOARD is the one in README.md and src/scenario/README.md (the tests keep them the same):
 * one process, one anonymous page, a device-private gpu0 with 8 pages.
 */
export const STORYBOARD = `title "One page to the GPU and back"
kernel modern                       # or seeds: the v4.14-era kernel of the seeds
platform pcie4                      # or c2c: a cache-coherent NVLink-C2C-class link
ram 64                              # system RAM, in 4 KiB pages
device gpu0 private 8               # ZONE_DEVICE memory: private | coherent (public) | pmem
process app

app mmap buf 1                      # one anonymous page, not yet faulted in
app write buf 42                    # CPU fault: a zeroed RAM page, then the store
  expect ret 0
  expect pte app buf present write dirty
  expect value app buf 42
app open gpu0                       # the mirror app/gpu0 (a process opening the device)
gpu0 read buf                       # hmm_range_fault: the device mirrors the RAM page
  expect cpages 1 faults 1
  expect mirror gpu0 buf write
  expect devbuf gpu0 buf 42
gpu0 migrate buf                    # migrate_vma: RAM -> device-private memory
  expect cpages 1
  expect pte app buf device-private write
  expect page app buf ref 1 map 1 on gpu0
  expect bits gpu0 0 set
  expect allocated gpu0 1
app read buf                        # CPU fault on a device-private entry: migrate back
  expect pte app buf present
  expect page app buf on ram
  expect value app buf 42
  expect bits gpu0 0..7 clear
app munmap buf
  expect ret 0
  expect pte app buf none
  expect rss app 0
`;
