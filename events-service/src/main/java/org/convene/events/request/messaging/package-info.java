@NullMarked
package org.convene.events.request.messaging;

import org.jspecify.annotations.NullMarked;
