@NullMarked
package org.convene.gateway.edge;

import org.jspecify.annotations.NullMarked;
