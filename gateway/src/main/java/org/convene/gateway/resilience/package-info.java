@NullMarked
package org.convene.gateway.resilience;

import org.jspecify.annotations.NullMarked;
