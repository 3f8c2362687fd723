package org.convene.identity.account.signin;

import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this email lately; applies alike to emails with and without an account. */
public class SignInThrottled extends AuthenticationException {

    public SignInThrottled() {
        super("Too many attempts; wait and try again");
    }
}
