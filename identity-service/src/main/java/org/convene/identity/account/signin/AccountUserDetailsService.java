package org.convene.identity.account.signin;

import org.convene.identity.account.domain.Account;
import org.convene.identity.account.domain.AccountId;
import org.convene.identity.account.domain.Accounts;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks accounts up by the email typed on the sign-in page. The user's name is the account id, so
 * the tokens' subject stays the same if the email changes. Stored hashes made with an older
 * algorithm are replaced on the next successful sign-in.
 */
public class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final Accounts accounts;

    public AccountUserDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.findByEmail(email)
                .map(AccountUserDetailsService::user)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    @Override
    public UserDetails updatePassword(UserDetails user, @Nullable String newPassword) {
        // Spring passes the upgraded hash of a password it has just checked; without one there is nothing to keep.
        if (newPassword == null) {
            return user;
        }
        accounts.updatePasswordHash(new AccountId(user.getUsername()), newPassword);
        return User.withUserDetails(user).password(newPassword).build();
    }

    private static UserDetails user(Account account) {
        return User.withUsername(account.id().value())
                .password(account.passwordHash())
                .disabled(!account.enabled())
                .authorities(account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                        .toList())
                .build();
    }
}
