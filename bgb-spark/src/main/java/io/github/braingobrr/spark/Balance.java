package io.github.braingobrr.spark;

import io.github.braingobrr.cache.DistributedBuild.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Splits the tasks into partitions of about equal EDF bytes: largest first, each to the partition with the fewest bytes
 * so far (the longest-processing-time rule: no partition ends more than the largest file above the mean). Within a
 * partition the tasks keep the plan's order.
 */
final class Balance {
    private Balance() {}

    /**
     * @param partitions at least 1; more than the tasks gives one task per partition
     * @return the non-empty partitions
     */
    static List<List<Task>> partition(List<Task> tasks, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        int n = Math.min(partitions, tasks.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> tasks.get(i).size())
                .reversed()
                .thenComparing(i -> i));
        long[] bytes = new long[n];
        int[] count = new int[n];
        List<List<Integer>> members = new ArrayList<>();
        // the fewest bytes, then the fewest files (so that empty files spread too), then the lowest number
        PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.comparingLong((Integer p) -> bytes[p])
                .thenComparingInt(p -> count[p])
                .thenComparing(p -> p));
        for (int p = 0; p < n; p++) {
            members.add(new ArrayList<>());
            lightest.add(p);
        }
        for (int i : order) {
            int p = lightest.poll();
            members.get(p).add(i);
            bytes[p] += tasks.get(i).size();
            count[p]++;
            lightest.add(p);
        }
        List<List<Task>> out = new ArrayList<>();
        for (List<Integer> m : members) {
            m.sort(Comparator.naturalOrder());
            ArrayList<Task> part = new ArrayList<>();
            m.forEach(i -> part.add(tasks.get(i)));
            out.add(part);
        }
        return out;
    }
}
