@NullMarked
package org.convene.events.request.persistence;

import org.jspecify.annotations.NullMarked;
