package io.github.braingobrr.cache;

import io.github.braingobrr.storage.Location;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CacheValidator} (or {@link CacheTransfers#verify}) found: every problem, with its kind, split, file and
 * what to do. A cache is valid when there is no {@link CacheProblem.Severity#ERROR error}.
 *
 * @param cache the cache root
 * @param splits the splits checked
 * @param filesChecked cache files looked at
 * @param problems everything found, in split order
 */
public record ValidationReport(Location cache, List<String> splits, int filesChecked, List<CacheProblem> problems) {
    /** Copies the lists. */
    public ValidationReport {
        Objects.requireNonNull(cache, "cache");
        splits = List.copyOf(splits);
        problems = List.copyOf(problems);
    }

    /** Whether no error was found (warnings allowed). */
    public boolean isValid() {
        return problems.stream().noneMatch(p -> p.kind().severity() == CacheProblem.Severity.ERROR);
    }

    /** The errors. */
    public List<CacheProblem> errors() {
        return problems.stream()
                .filter(p -> p.kind().severity() == CacheProblem.Severity.ERROR)
                .toList();
    }

    /** The problems of one kind. */
    public List<CacheProblem> problems(CacheProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Whether every error is fixed by rebuilding the manifest and index from the cache files. */
    public boolean fixedByScan() {
        return errors().stream().allMatch(p -> p.kind().fixedByScan());
    }

    /** One line per problem, or {@code valid}. */
    public String summary() {
        if (problems.isEmpty()) {
            return cache + ": valid (" + filesChecked + " cache files in " + splits + ")";
        }
        StringBuilder sb = new StringBuilder(cache + ": " + errors().size() + " error(s), "
                + (problems.size() - errors().size()) + " warning(s) in " + splits);
        for (CacheProblem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
