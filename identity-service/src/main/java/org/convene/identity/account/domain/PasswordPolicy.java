package org.convene.identity.account.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be (NIST SP 800-63B style): long enough, not one that attackers try first,
 * and not built from the person's own name or email. No rules about mixing character classes:
 * length and unpredictability are what resist guessing. With no network, "breached" means a shipped
 * list of the passwords and words found most often in breach corpora, matched after undoing the
 * usual disguises (case, {@code @}→a, {@code 0}→o, digits or symbols tacked on the end, repetition).
 */
public final class PasswordPolicy {

    public static final int MAX_LENGTH = 128;

    private static final String[] SEQUENCES = {
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "01234567890123456789012345678901234567890",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "qwertzuiopasdfghjklyxcvbnm",
        "azertyuiopqsdfghjklmwxcvbn",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    };

    private final int minLength;
    private final Set<String> breached;

    public PasswordPolicy(int minLength, Set<String> breachedPasswords) {
        if (minLength < 8) {
            throw new IllegalArgumentException("A minimum password length below 8 is not safe");
        }
        this.minLength = minLength;
        var words = new HashSet<String>();
        breachedPasswords.forEach(word -> words.add(word.strip().toLowerCase(Locale.ROOT)));
        words.remove("");
        this.breached = Set.copyOf(words);
    }

    public int minLength() {
        return minLength;
    }

    /** Throws {@link PasswordRejected} with every reason when the password is not acceptable for this person. */
    public void check(String password, String email, String name) {
        var reasons = problems(password, email, name);
        if (!reasons.isEmpty()) {
            throw new PasswordRejected(reasons);
        }
    }

    public List<String> problems(String password, String email, String name) {
        var reasons = new ArrayList<String>();
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            reasons.add("must be at least " + minLength + " characters long");
            return reasons;
        }
        if (password.length() > MAX_LENGTH) {
            reasons.add("must be at most " + MAX_LENGTH + " characters long");
            return reasons;
        }
        var plain = password.toLowerCase(Locale.ROOT);
        var cores = cores(plain);
        if (isBreached(plain) || cores.stream().anyMatch(this::isBreached)) {
            reasons.add("is one of the passwords attackers try first; choose something less common,"
                    + " such as three or four unrelated words");
        } else if (isPredictable(plain) || cores.stream().anyMatch(PasswordPolicy::isPredictable)) {
            reasons.add("is a keyboard pattern, a sequence or a repetition; choose something less predictable");
        }
        if (containsPersonal(plain, cores, email, name)) {
            reasons.add("must not contain your name, your email or the name of this service");
        }
        if (plain.codePoints().distinct().count() < 5) {
            reasons.add("uses too few different characters");
        }
        return reasons;
    }

    private boolean isBreached(String candidate) {
        if (candidate.isEmpty()) {
            return false;
        }
        if (breached.contains(candidate)) {
            return true;
        }
        var unit = repeatedUnit(candidate);
        return !unit.equals(candidate) && breached.contains(unit);
    }

    /** A whole password that is one short unit repeated, or that a keyboard row or the alphabet spells out. */
    private static boolean isPredictable(String core) {
        if (core.length() < 4) {
            return true;
        }
        if (repeatedUnit(core).length() <= 4) {
            return true;
        }
        var reversed = new StringBuilder(core).reverse().toString();
        for (var sequence : SEQUENCES) {
            if (sequence.contains(core) || sequence.contains(reversed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsPersonal(String plain, List<String> cores, String email, String name) {
        var words = new ArrayList<String>();
        words.add("convene");
        if (email != null) {
            var local = email.toLowerCase(Locale.ROOT).split("@")[0];
            words.add(local);
            words.addAll(List.of(local.split("[^\\p{L}\\p{N}]+")));
        }
        if (name != null) {
            words.addAll(List.of(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
        }
        return words.stream()
                .filter(word -> word.length() >= 4)
                .anyMatch(word -> plain.contains(word) || cores.stream().anyMatch(core -> core.contains(word)));
    }

    /**
     * The password with common disguises undone, in the two orders that matter: digits or symbols
     * tacked on either end stripped ("Password123!", "!!monkey"), and leetspeak letters read back.
     */
    static List<String> cores(String plain) {
        var stripFirst = undisguise(stripEnds(plain));
        var undisguiseFirst = stripEnds(undisguise(plain));
        return List.of(squeeze(stripFirst), squeeze(undisguiseFirst));
    }

    private static String stripEnds(String value) {
        var stripped = value.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return stripped.isEmpty() ? value : stripped;
    }

    private static String undisguise(String value) {
        var out = new StringBuilder(value.length());
        for (var c : value.toCharArray()) {
            out.append(
                    switch (c) {
                        case '@', '4' -> 'a';
                        case '0' -> 'o';
                        case '1', '!', '|' -> 'i';
                        case '3' -> 'e';
                        case '$', '5' -> 's';
                        case '7', '+' -> 't';
                        default -> c;
                    });
        }
        return out.toString();
    }

    private static String squeeze(String value) {
        return value.replaceAll("[\\s._-]+", "");
    }

    /** The shortest unit the string repeats ("abcabcabc" → "abc"), or the string itself. */
    static String repeatedUnit(String value) {
        int length = value.length();
        for (int unit = 1; unit <= length / 2; unit++) {
            if (length % unit == 0
                    && value.substring(0, unit).repeat(length / unit).equals(value)) {
                return value.substring(0, unit);
            }
        }
        return value;
    }
}
