@NullMarked
package org.convene.registrations.support.messaging;

import org.jspecify.annotations.NullMarked;
