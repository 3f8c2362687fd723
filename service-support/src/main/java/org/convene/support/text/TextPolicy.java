package org.convene.support.text;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one input policy for people's text, shared by every service (issue 17). Answers what is wrong
 * with a value, in words for the person who typed it, or nothing when it is acceptable.
 *
 * <p><b>Single-line text</b> (names, titles, subjects, organisation and venue names, phone numbers)
 * refuses control characters (line breaks and tabs included: a name with {@code \r\n} is a header
 * injection waiting for a careless mailer), bidi overrides, embeddings, isolates and marks (they make
 * {@code Sam \u202Egnp.exe} read as {@code Sam exe.png}), invisible formatting characters (Unicode
 * category Cf, such as zero-width spaces, and the blank "filler" letters used for invisible names),
 * and anything shaped like an HTML tag ({@code <} followed by a letter, {@code /}, {@code !} or
 * {@code ?}; {@code <3} and {@code a < b} stay). Two formatting characters have honest uses and are
 * kept where they have them: the zero-width joiner between emoji (family and profession emoji, the
 * rainbow flag) and, with the zero-width non-joiner, between letters of scripts that join (Arabic,
 * Persian, the Indic scripts), but never in Latin, Greek or Cyrillic text where they only hide a
 * difference; and tag characters only inside an emoji flag sequence such as Wales'.
 *
 * <p><b>Multi-line text</b> (descriptions, newsletters, notes) keeps line breaks and tabs, refuses
 * other control characters and the bidi override, embedding and isolate characters (the "Trojan
 * Source" set; left-to-right and right-to-left marks stay, as mixed-direction prose needs them), and
 * refuses active content early: scripts, event handlers and {@code javascript:} links. Other markup
 * is left to the sanitiser where the text is rendered ({@link RichText}).
 */
public final class TextPolicy {

    public static final String CONTROL_SINGLE = "must be a single line without control characters";
    public static final String CONTROL_MULTI = "must not contain control characters other than line breaks and tabs";
    public static final String BIDI = "must not contain hidden text-direction characters";
    public static final String INVISIBLE = "must not contain invisible formatting characters";
    public static final String MARKUP = "must not contain markup such as <tags>";
    public static final String ACTIVE_CONTENT = "must not contain scripts, event handlers or javascript: links";
    public static final String BROKEN = "is not valid text";

    /** Markup that has no place in organisers' text; output is sanitised as well, this says so early. */
    private static final Pattern ACTIVE = Pattern.compile(
            "<\\s*(script|iframe|object|embed|style)\\b|javascript\\s*:|vbscript\\s*:|data\\s*:\\s*text/html|\\bon[a-z]+\\s*=",
            Pattern.CASE_INSENSITIVE);

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private TextPolicy() {}

    public static Optional<String> singleLine(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        var value = text.toString();
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isControl(c)) {
                return Optional.of(CONTROL_SINGLE);
            }
            if (isBidiControl(c)) {
                return Optional.of(BIDI);
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return Optional.of(BROKEN);
            }
            if (isInvisibleFiller(c)) {
                return Optional.of(INVISIBLE);
            }
            if (Character.getType(c) == Character.FORMAT
                    && !isJoinerInItsPlace(value, i, c)
                    && !isInEmojiTag(value, i, c)) {
                return Optional.of(INVISIBLE);
            }
            if (c == '<' && next < value.length()) {
                int after = value.codePointAt(next);
                if (Character.isLetter(after) || after == '/' || after == '!' || after == '?') {
                    return Optional.of(MARKUP);
                }
            }
            i = next;
        }
        return Optional.empty();
    }

    public static Optional<String> multiLine(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        var value = text.toString();
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (isControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return Optional.of(CONTROL_MULTI);
            }
            if (isOverrideEmbeddingOrIsolate(c)) {
                return Optional.of(BIDI);
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return Optional.of(BROKEN);
            }
            i += Character.charCount(c);
        }
        if (ACTIVE.matcher(value).find()) {
            return Optional.of(ACTIVE_CONTENT);
        }
        return Optional.empty();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators (line breaks by another name). */
    private static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029;
    }

    private static boolean isOverrideEmbeddingOrIsolate(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isBidiControl(int c) {
        return isOverrideEmbeddingOrIsolate(c) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Letters and symbols that draw nothing: the Hangul fillers, the blank Braille pattern, the grapheme joiner. */
    private static boolean isInvisibleFiller(int c) {
        return c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0
                || c == 0x2800
                || c == 0x034F
                || c == 0x17B4
                || c == 0x17B5;
    }

    /** A zero-width joiner between emoji, or a (non-)joiner between letters of one script that joins. */
    private static boolean isJoinerInItsPlace(String value, int index, int c) {
        if (c != ZWJ && c != ZWNJ) {
            return false;
        }
        if (index == 0 || index + 1 >= value.length()) {
            return false;
        }
        int before = value.codePointBefore(index);
        int after = value.codePointAt(index + 1);
        if (c == ZWJ && endsEmoji(value, index) && Character.isExtendedPictographic(after)) {
            return true;
        }
        return isLetterOrMark(before)
                && isLetterOrMark(after)
                && joins(Character.UnicodeScript.of(before))
                && Character.UnicodeScript.of(before) == Character.UnicodeScript.of(after);
    }

    /** The text before {@code index} ends with an emoji, perhaps with a skin tone or presentation selector. */
    private static boolean endsEmoji(String value, int index) {
        int before = value.codePointBefore(index);
        if (before == VARIATION_SELECTOR_16 || Character.isEmojiModifier(before)) {
            int start = index - Character.charCount(before);
            if (start == 0) {
                return false;
            }
            before = value.codePointBefore(start);
        }
        return Character.isExtendedPictographic(before) || Character.isEmojiModifier(before);
    }

    private static boolean isLetterOrMark(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Scripts whose letters change shape or form conjuncts, where (non-)joiners change how a word is written. */
    private static boolean joins(Character.UnicodeScript script) {
        return switch (script) {
            case LATIN, GREEK, CYRILLIC, ARMENIAN, COMMON, INHERITED, UNKNOWN, HAN, HIRAGANA, KATAKANA, HANGUL -> false;
            default -> true;
        };
    }

    /** Tag characters spell a subdivision flag (🏴 then tags, ended by the cancel tag), and nothing else. */
    private static boolean isInEmojiTag(String value, int index, int c) {
        if (c < 0xE0020 || c > CANCEL_TAG) {
            return false;
        }
        int i = index;
        while (i > 0) {
            int before = value.codePointBefore(i);
            if (before == BLACK_FLAG) {
                break;
            }
            if (before < 0xE0020 || before > 0xE007E) {
                return false;
            }
            i -= Character.charCount(before);
        }
        if (i == 0) {
            return false;
        }
        for (int j = index; j < value.length(); ) {
            int tag = value.codePointAt(j);
            if (tag == CANCEL_TAG) {
                return true;
            }
            if (tag < 0xE0020 || tag > 0xE007E) {
                return false;
            }
            j += Character.charCount(tag);
        }
        return false;
    }
}
