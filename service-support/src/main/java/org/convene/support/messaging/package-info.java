@NullMarked
package org.convene.support.messaging;

import org.jspecify.annotations.NullMarked;
