@NullMarked
package org.convene.events.event.messaging;

import org.jspecify.annotations.NullMarked;
