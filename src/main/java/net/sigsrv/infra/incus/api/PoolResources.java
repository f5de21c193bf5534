package net.sigsrv.infra.incus.api;

/** {@code GET /1.0/storage-pools/P/resources?target=M}: space and inodes, used and total, in bytes/counts. */
public record PoolResources(Usage space, Usage inodes) {

    public record Usage(long used, long total) {
        /** Used share in percent, 0 when the total is unknown. */
        public double percent() {
            return total <= 0 ? 0 : 100.0 * used / total;
        }
    }
}
