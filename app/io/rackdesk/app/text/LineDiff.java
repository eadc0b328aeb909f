package io.rackdesk.app.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * A unified line diff of two texts (java-diff-utils, Myers), as {@code diff -u} prints it: "---" and
 * "+++" headers, "@@" hunks, and lines starting with ' ', '-' or '+'.
 */
public record LineDiff(String unified, int added, int removed) {
    /** Lines of unchanged context around each change. */
    public static final int CONTEXT = 3;

    /** True when the texts have the same lines (line endings and a final newline aside). */
    public boolean isEmpty() {
        return added == 0 && removed == 0;
    }

    /** The diff from {@code original} to {@code revised}, labelled with the two names in its header. */
    public static LineDiff of(String original, String revised, String originalName, String revisedName) {
        List<String> before = original.lines().toList();
        List<String> after = revised.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return new LineDiff("", 0, 0);
        }
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            added += d.getTarget().size();
            removed += d.getSource().size();
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(originalName, revisedName, before, patch, CONTEXT);
        return new LineDiff(String.join("\n", lines) + "\n", added, removed);
    }
}
