@NullMarked
package org.convene.identity.client.persistence;

import org.jspecify.annotations.NullMarked;
