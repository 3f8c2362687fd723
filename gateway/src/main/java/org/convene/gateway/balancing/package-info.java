@NullMarked
package org.convene.gateway.balancing;

import org.jspecify.annotations.NullMarked;
