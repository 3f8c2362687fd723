package org.convene.identity.config;

import org.convene.identity.account.domain.Accounts;
import org.convene.identity.account.domain.SignInThrottle;
import org.convene.identity.account.signin.AccountUserDetailsService;
import org.convene.identity.account.signin.SignInThrottled;
import org.convene.identity.account.signin.ThrottledAuthenticationProvider;
import org.convene.identity.web.ProblemDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains, tried in order: the authorization server's protocol endpoints; this
 * service's own JSON API for bearer tokens; and the sign-in page with its session. Anything not
 * listed as public needs an authenticated caller.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    // OpenID Connect: discovery, ID tokens, user info and RP-initiated logout.
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // A browser that is not signed in yet goes to the sign-in page and comes back.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The identity API: bearer tokens only, no session, no cookies, so no CSRF to guard against. */
    @Bean
    @Order(2)
    SecurityFilterChain identityApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(ProblemDetails::unauthenticated)
                        .accessDeniedHandler(ProblemDetails::forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemDetails::unauthenticated)
                        .accessDeniedHandler(ProblemDetails::forbidden));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signInPageChain(
            HttpSecurity http, Accounts accounts, PasswordEncoder encoder, SignInThrottle throttle) throws Exception {
        var failure = new SimpleUrlAuthenticationFailureHandler("/login?error") {
            @Override
            public void onAuthenticationFailure(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    org.springframework.security.core.AuthenticationException exception)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                if (exception instanceof SignInThrottled) {
                    getRedirectStrategy().sendRedirect(request, response, "/login?wait");
                } else {
                    super.onAuthenticationFailure(request, response, exception);
                }
            }
        };
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/login", "/css/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(signIn(accounts, encoder, throttle))
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .failureHandler(failure)
                        .permitAll())
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Not a bean on purpose: Spring Security adds AuthenticationProvider beans to the global
     * authentication manager as well, and each failure would then be counted twice.
     */
    private static AuthenticationProvider signIn(Accounts accounts, PasswordEncoder encoder, SignInThrottle throttle) {
        var users = new AccountUserDetailsService(accounts);
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setUserDetailsPasswordService(users);
        return new ThrottledAuthenticationProvider(passwords, throttle);
    }
}
