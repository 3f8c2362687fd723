package org.convene.identity.account.web;

import org.convene.identity.account.domain.PasswordPolicy;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. Whatever went wrong (no such email, wrong password, disabled account) it says
 * the same thing, so it cannot be used to learn who has an account; "wait" is shown after too many
 * attempts for an email, which also happens alike for emails without an account.
 */
@Controller
class SignInPage {

    private final PasswordPolicy policy;

    SignInPage(PasswordPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/login")
    String signIn(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String wait,
            @RequestParam(required = false) String logout,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("failed", error != null);
        model.addAttribute("throttled", wait != null);
        model.addAttribute("signedOut", logout != null);
        model.addAttribute("minLength", policy.minLength());
        return "login";
    }
}
