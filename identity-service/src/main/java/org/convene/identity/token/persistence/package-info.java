@NullMarked
package org.convene.identity.token.persistence;

import org.jspecify.annotations.NullMarked;
