@NullMarked
package org.convene.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
