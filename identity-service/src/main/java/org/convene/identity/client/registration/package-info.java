@NullMarked
package org.convene.identity.client.registration;

import org.jspecify.annotations.NullMarked;
