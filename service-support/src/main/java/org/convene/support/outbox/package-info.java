@NullMarked
package org.convene.support.outbox;

import org.jspecify.annotations.NullMarked;
