@NullMarked
package org.convene.gateway;

import org.jspecify.annotations.NullMarked;
