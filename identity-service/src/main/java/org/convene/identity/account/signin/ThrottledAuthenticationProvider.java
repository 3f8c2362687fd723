package org.convene.identity.account.signin;

import org.convene.identity.account.domain.SignInThrottle;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in with lockout and backoff in front. Every failure, whatever its cause (no such
 * email, wrong password, disabled account), is reported as the same bad-credentials error, so the
 * page cannot be used to find out who has an account. The password check behind it hashes even
 * for unknown emails, so timing does not tell either.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        var email = authentication.getName() == null ? "" : authentication.getName();
        if (throttle.lockedUntil(email).isPresent()) {
            throw new SignInThrottled();
        }
        try {
            var result = passwords.authenticate(authentication);
            throttle.succeeded(email);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(email);
            throw new BadCredentialsException("Bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
