package org.convene.testing;

import java.util.List;

/**
 * The text every service's API tests send through its single-line fields: what must be refused
 * (issue 17's findings) and what real people are called, which must be accepted. The full lists are
 * in service-support's TextPolicyTests; these are the ones each endpoint proves.
 */
public final class PeoplesText {

    /** A header injection, a script, a right-to-left override and a zero-width space. */
    public static final List<String> HOSTILE_SINGLE_LINE =
            List.of("Eve\r\nBcc: victim@example.org", "<script>alert(1)</script>", "Sam \u202egnp.exe", "Sa\u200bm");

    public static final List<String> REAL_NAMES = List.of(
            "Siobhán O’Sullivan",
            "Mary-Jane O'Brien",
            "Zoë Ñuño",
            "Llŷr Ifans",
            "محمد عبد الله",
            "王秀英",
            "देवनागरी शर्मा",
            "김민준",
            "Alex 👨\u200d👩\u200d👧\u200d👦",
            "Kim 👩🏾\u200d💻");

    private PeoplesText() {}
}
