package org.convene.testing.authorization;

import java.util.Optional;

/** The bearer token each caller sends; anonymous sends none. */
@FunctionalInterface
public interface CallerTokens {

    Optional<String> bearerFor(Caller caller);
}
