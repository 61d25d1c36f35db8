package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.DistributedBuild.Task;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Partitions balanced by EDF bytes: every task once, in plan order, no partition far above the mean. */
class BalanceTest {
    private static List<Task> tasks(List<Long> sizes) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            out.add(new Task("train", String.format("p/%04d.edf", i), sizes.get(i), "{}"));
        }
        return out;
    }

    @Property(tries = 300)
    void everyTaskOnceInPlanOrderAndNoPartitionAboveTheMeanByMoreThanTheLargestFile(
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 1_000_000_000L) Long> sizes,
            @ForAll @IntRange(min = 1, max = 20) int partitions) {
        List<Task> tasks = tasks(sizes);
        List<List<Task>> parts = Balance.partition(tasks, partitions);

        assertEquals(Math.min(partitions, tasks.size()), parts.size());
        List<Task> seen = new ArrayList<>();
        long total = 0;
        long largest = 0;
        for (Task t : tasks) {
            total += t.size();
            largest = Math.max(largest, t.size());
        }
        double mean = (double) total / parts.size();
        for (List<Task> p : parts) {
            assertTrue(!p.isEmpty(), "no empty partition");
            long bytes = 0;
            for (int i = 0; i < p.size(); i++) {
                bytes += p.get(i).size();
                if (i > 0) {
                    assertTrue(p.get(i - 1).source().compareTo(p.get(i).source()) < 0, "plan order kept");
                }
            }
            assertTrue(bytes <= mean + largest, bytes + " bytes against a mean of " + mean);
            seen.addAll(p);
        }
        seen.sort((a, b) -> a.source().compareTo(b.source()));
        assertEquals(tasks, seen, "every task exactly once");
    }

    @Test
    void largestFirstGivesEqualHalves() {
        List<List<Task>> parts = Balance.partition(tasks(List.of(9L, 8L, 7L, 6L)), 2);
        assertEquals(15, parts.get(0).stream().mapToLong(Task::size).sum());
        assertEquals(15, parts.get(1).stream().mapToLong(Task::size).sum());
    }

    @Test
    void refusesZeroPartitions() {
        assertThrows(IllegalArgumentException.class, () -> Balance.partition(tasks(List.of(1L)), 0));
    }
}
