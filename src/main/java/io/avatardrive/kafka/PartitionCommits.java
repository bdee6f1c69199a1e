package io.avatardrive.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each partition are still being worked on, so that a partition's offset is committed only up to its
 * lowest record not yet finished: records of different tasks in one partition finish in any order, and a restart or
 * a rebalance then reads again every record that was not finished, never skipping one.
 */
final class PartitionCommits {

    /** Per partition, the records read and not yet committed, by offset: finished or not. */
    private final Map<TopicPartition, TreeMap<Long, Boolean>> partitions = new ConcurrentHashMap<>();
    /** Records read and not yet done, in every partition: asked before each record is handed over. */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** Per partition, the next offset to commit, once it moved; taken by the consumer's thread. */
    private final Map<TopicPartition, Long> ready = new HashMap<>();

    /** A record was read: it holds its partition's commit until it is {@link #finished}. */
    void read(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> records = partitions.computeIfAbsent(partition, p -> new TreeMap<>());
        synchronized (records) {
            if (!Boolean.FALSE.equals(records.put(offset, false))) {
                unfinished.incrementAndGet();
            }
        }
    }

    /** A record is done (spoken, reported, refused or dead-lettered): its partition may commit past it. */
    void finished(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> records = partitions.get(partition);
        if (records == null) {
            return;
        }
        long next = -1;
        synchronized (records) {
            Boolean was = records.replace(offset, true);
            if (was == null) {
                return;
            }
            if (!was) {
                unfinished.decrementAndGet();
            }
            while (!records.isEmpty() && records.firstEntry().getValue()) {
                next = records.pollFirstEntry().getKey() + 1;
            }
        }
        if (next >= 0) {
            synchronized (ready) {
                ready.merge(partition, next, Math::max);
            }
        }
    }

    /** The offsets to commit now, per partition; each is handed out once. */
    Map<TopicPartition, Long> takeReady() {
        synchronized (ready) {
            Map<TopicPartition, Long> taken = new HashMap<>(ready);
            ready.clear();
            return taken;
        }
    }

    /** How many records were read and are not done yet, in every partition. */
    int unfinished() {
        return unfinished.get();
    }

    /** Partitions this consumer no longer reads: their unfinished records are read again by their next owner. */
    void forget(Iterable<TopicPartition> revoked) {
        for (TopicPartition partition : revoked) {
            TreeMap<Long, Boolean> records = partitions.remove(partition);
            if (records != null) {
                synchronized (records) {
                    unfinished.addAndGet(-(int) records.values().stream().filter(done -> !done).count());
                }
            }
        }
    }
}
