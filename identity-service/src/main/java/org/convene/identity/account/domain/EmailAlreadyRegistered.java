package org.convene.identity.account.domain;

/** Only admins create accounts, so saying the email is taken tells no outsider anything. */
public class EmailAlreadyRegistered extends RuntimeException {

    public EmailAlreadyRegistered(String email) {
        super("An account with the email " + email + " already exists.");
    }
}
