package io.github.braingobrr.storage.transfer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A compiled key glob (see {@link TransferOptions} for the syntax). */
final class Glob {
    private static final Map<String, Glob> CACHE = new ConcurrentHashMap<>();

    private final Pattern regex;
    private final boolean wholeKey;

    private Glob(Pattern regex, boolean wholeKey) {
        this.regex = regex;
        this.wholeKey = wholeKey;
    }

    static Glob compile(String glob) {
        return CACHE.computeIfAbsent(glob, Glob::parse);
    }

    private static Glob parse(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("an empty glob matches nothing; remove it");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?"); // "**/" also matches no directory at all
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return new Glob(Pattern.compile(re.toString()), glob.indexOf('/') >= 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid glob '" + glob + "': " + e.getDescription(), e);
        }
    }

    boolean matches(String key) {
        String subject = wholeKey ? key : key.substring(key.lastIndexOf('/') + 1);
        return regex.matcher(subject).matches();
    }
}
