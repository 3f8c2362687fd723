@NullMarked
package org.convene.identity.token.issuing;

import org.jspecify.annotations.NullMarked;
