package org.convene.support.text;

import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/** Puts the policy's message on the violation; the messages hold no braces, so nothing is interpolated. */
final class TextPolicyViolations {

    private TextPolicyViolations() {}

    static boolean report(Optional<String> problem, ConstraintValidatorContext context) {
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.get()).addConstraintViolation();
        return false;
    }
}
