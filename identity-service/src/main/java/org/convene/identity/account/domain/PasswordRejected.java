package org.convene.identity.account.domain;

import java.util.List;

/** A password the policy refuses, with every reason, so the person can fix it in one go. */
public class PasswordRejected extends RuntimeException {

    private final List<String> reasons;

    public PasswordRejected(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
